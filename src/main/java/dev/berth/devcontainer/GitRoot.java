package dev.berth.devcontainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the root of the git work tree a folder is in, as the reference CLI does: by asking {@code
 * git rev-parse --show-cdup} in it. No git, or no work tree, means no root.
 */
public interface GitRoot {

  Optional<Path> of(Path folder);

  /** Asks the {@code git} on the PATH. */
  GitRoot GIT = GitRoot::revParse;

  /** Never finds one: the workspace folder itself is mounted. */
  GitRoot NONE = folder -> Optional.empty();

  private static Optional<Path> revParse(Path folder) {
    ProcessBuilder pb =
        new ProcessBuilder("git", "rev-parse", "--show-cdup")
            .directory(folder.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      if (p.exitValue() != 0) {
        return Optional.empty();
      }
      String cdup = new String(out, StandardCharsets.UTF_8).strip();
      return Optional.of(folder.resolve(cdup).normalize());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
