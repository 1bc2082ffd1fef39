package dev.berth.app;

/** Single quotes for {@code /bin/sh}, for the few Dockerfile lines berth writes itself. */
final class ShellQuote {

  private ShellQuote() {}

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
