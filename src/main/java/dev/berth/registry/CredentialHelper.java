package dev.berth.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs {@code docker-credential-<name> get} with the server on stdin, the protocol docker uses for
 * credential stores ({@code {"Username": ..., "Secret": ...}} on stdout).
 */
@FunctionalInterface
interface CredentialHelper {

  /** The helper's answer for a server, or empty when it has none. */
  Optional<String> get(String helper, String server) throws IOException;

  /** Runs the helper program found in the directories of {@code path} (a PATH value). */
  static CredentialHelper onPath(String path) {
    return (helper, server) -> {
      String program = "docker-credential-" + helper;
      for (String dir : path.split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
        if (Files.isExecutable(candidate)) {
          program = candidate.toString();
          break;
        }
      }
      ProcessBuilder pb = new ProcessBuilder(program, "get").redirectErrorStream(false);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new IOException(
            "credential helper docker-credential-"
                + helper
                + " could not be started: "
                + e.getMessage(),
            e);
      }
      try (var stdin = p.getOutputStream()) {
        stdin.write(server.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = p.getInputStream().readAllBytes();
      p.getErrorStream().readAllBytes();
      int exit;
      try {
        exit = p.waitFor();
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for docker-credential-" + helper, e);
      }
      // Helpers exit non-zero with "credentials not found in native keychain" for unknown servers.
      return exit == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
    };
  }
}
