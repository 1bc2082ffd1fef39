package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real berth jar (and other programs) as child processes, with a store of the test's own:
 * the end-to-end tests use berth exactly as a user does.
 */
final class Berth {

  /** What a process printed and how it ended. */
  record Result(int exitCode, String out, String err) {
    Result ok() {
      assertThat(exitCode).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
      return this;
    }
  }

  private final Path root;

  Berth(Path root) {
    this.root = root;
  }

  Result run(String... args) throws IOException {
    return exec(command(args), Map.of("BERTH_ROOT", root.toString()));
  }

  /** The command line that runs the berth jar with {@code args}, for tests that start it so. */
  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Path jar() {
    Path jar = Path.of("target", "berth.jar").toAbsolutePath();
    assertThat(jar).as("the berth jar (run the integration tests with ./mvnw verify)").exists();
    return jar;
  }

  static Result exec(List<String> cmd, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("berth-it-", ".out");
    Path err = Files.createTempFile("berth-it-", ".err");
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
    try {
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result exec(String... cmd) throws IOException {
    return exec(List.of(cmd), Map.of());
  }
}
