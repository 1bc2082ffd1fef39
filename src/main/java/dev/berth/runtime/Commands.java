package dev.berth.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short host commands (mount, umount, the runtime's kill and delete) and checks them. */
final class Commands {

  private static final long LIMIT_SECONDS = 30;

  private Commands() {}

  /** The exit code and the combined output of a finished command. */
  record Result(int code, String output) {}

  static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
          }
          break;
        } catch (InterruptedException e) {
          // Cleanup commands must finish even when the caller is being interrupted.
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
  }

  static void check(List<String> command) throws IOException {
    Result r = run(command);
    if (r.code() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed with exit code " + r.code() + ": " + r.output());
    }
  }
}
