package dev.berth.cli;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code -f -}: the Dockerfile read from standard input, as docker reads it, kept in a private
 * temporary directory for as long as the build runs (the build reads it again for checks and cache
 * records). Any other {@code -f} value passes through unchanged.
 */
final class StdinDockerfile implements AutoCloseable {

  static final Path STDIN = Path.of("-");

  private final Optional<Path> dockerfile;
  private final Optional<Path> dir;

  private StdinDockerfile(Optional<Path> dockerfile, Optional<Path> dir) {
    this.dockerfile = dockerfile;
    this.dir = dir;
  }

  static StdinDockerfile open(Optional<Path> flag, InputStream in) throws IOException {
    if (flag.isEmpty() || !flag.get().equals(STDIN)) {
      return new StdinDockerfile(flag, Optional.empty());
    }
    if (in == null) {
      throw new BerthException(
          ErrorKind.INVALID_INPUT, "-f -: this command has no standard input to read");
    }
    byte[] text = in.readAllBytes();
    if (text.length == 0) {
      throw new BerthException(
          ErrorKind.INVALID_INPUT,
          "-f -: standard input is empty; pipe the Dockerfile in (cat Dockerfile | berth build -f -"
              + " .)");
    }
    Path dir =
        Files.createTempDirectory(
            "berth-stdin-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path file = dir.resolve("Dockerfile");
    Files.write(file, text);
    return new StdinDockerfile(Optional.of(file), Optional.of(dir));
  }

  /** The Dockerfile the build reads: the flag's, or the copy of standard input. */
  Optional<Path> dockerfile() {
    return dockerfile;
  }

  @Override
  public void close() throws IOException {
    if (dir.isPresent()) {
      try (Stream<Path> files = Files.walk(dir.get())) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
