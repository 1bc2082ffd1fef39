package dev.berth.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs {@code docker-credential-<name>}, the protocol docker uses for credential stores: {@code
 * get} with the server on stdin answers {@code {"ServerURL", "Username", "Secret"}} on stdout;
 * {@code store} takes that JSON on stdin; {@code erase} takes the server.
 */
interface CredentialHelper {

  /** The helper's answer for a server, or empty when it has none. */
  Optional<String> get(String helper, String server) throws IOException;

  /** Hands the helper {@code {"ServerURL", "Username", "Secret"}} to keep. */
  void store(String helper, String json) throws IOException;

  /** Asks the helper to forget a server; false when it did not know it. */
  boolean erase(String helper, String server) throws IOException;

  /** Runs the helper program found in the directories of {@code path} (a PATH value). */
  static CredentialHelper onPath(String path) {
    return new CredentialHelper() {
      @Override
      public Optional<String> get(String helper, String server) throws IOException {
        Answer a = run(path, helper, "get", server);
        // Helpers exit non-zero with "credentials not found in native keychain" for unknown
        // servers.
        return a.exit() == 0 ? Optional.of(a.out()) : Optional.empty();
      }

      @Override
      public void store(String helper, String json) throws IOException {
        Answer a = run(path, helper, "store", json);
        if (a.exit() != 0) {
          throw new IOException("docker-credential-" + helper + " store failed: " + a.why());
        }
      }

      @Override
      public boolean erase(String helper, String server) throws IOException {
        Answer a = run(path, helper, "erase", server);
        if (a.exit() == 0) {
          return true;
        }
        if (a.why().contains("not found")) {
          return false;
        }
        throw new IOException("docker-credential-" + helper + " erase failed: " + a.why());
      }
    };
  }

  /** What a helper printed and how it exited. */
  record Answer(int exit, String out, String err) {
    String why() {
      String s = (err.isBlank() ? out : err).strip();
      return s.isEmpty() ? "exit status " + exit : s;
    }
  }

  private static Answer run(String path, String helper, String action, String input)
      throws IOException {
    String program = "docker-credential-" + helper;
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        program = candidate.toString();
        break;
      }
    }
    Process p;
    try {
      p = new ProcessBuilder(program, action).start();
    } catch (IOException e) {
      throw new IOException(
          "credential helper docker-credential-"
              + helper
              + " could not be started: "
              + e.getMessage(),
          e);
    }
    try (var stdin = p.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    try {
      return new Answer(
          p.waitFor(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for docker-credential-" + helper, e);
    }
  }
}
