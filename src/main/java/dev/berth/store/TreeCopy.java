package dev.berth.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies a tree whole: {@code cp -a} keeps what a Java copy loses (hard links, extended attributes,
 * device nodes, owners), and shares blocks where the file system can.
 */
public final class TreeCopy {

  private TreeCopy() {}

  /**
   * Copies the contents of {@code from} into the existing directory {@code to}; {@code what} names
   * the copy in errors.
   */
  public static void copy(Path from, Path to, String what) throws IOException {
    Process p =
        new ProcessBuilder(List.of("cp", "-a", "--reflink=auto", "--", from + "/.", to.toString()))
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while copying " + what, e);
    }
    if (rc != 0) {
      throw new IOException("cannot copy " + what + " (cp exit " + rc + "): " + output.strip());
    }
  }
}
