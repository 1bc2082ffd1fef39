package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * docker's confirmation prompt: the warning, then {@code [y/N] }, and one line read from standard
 * input (a terminal or not, as docker reads it); only {@code y} or {@code Y} is a yes.
 */
final class Confirm {

  private Confirm() {}

  static boolean ask(InputStream in, PrintWriter out, String warning) throws IOException {
    out.print(warning + " [y/N] ");
    out.flush();
    if (in == null) {
      return false;
    }
    // Byte by byte, so nothing after the answer's line is taken from the stream.
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8).strip().equalsIgnoreCase("y");
  }
}
