package dev.berth.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's own user and group IDs, read from /proc (never from $UID: bash does not export
 * it).
 */
final class ProcessIds {

  private ProcessIds() {}

  static long uid() throws IOException {
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
  }

  static long gid() throws IOException {
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).longValue();
  }
}
