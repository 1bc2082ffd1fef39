package dev.berth.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the host's {@code /bin/sh}, for the few command lines berth hands to it. */
final class Shell {

  private Shell() {}

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String join(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
