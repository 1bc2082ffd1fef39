package dev.berth.it;

/** Reads berth's plain progress output in tests. */
final class PlainProgress {

  private PlainProgress() {}

  /** CACHED or DONE for the first step whose line contains {@code text}. */
  static String status(String progress, String text) {
    String id = null;
    for (String line : progress.split("\n")) {
      if (id == null && line.startsWith("#") && line.contains("] ") && line.contains(text)) {
        id = line.substring(0, line.indexOf(' '));
      } else if (id != null && line.startsWith(id + " ")) {
        if (line.equals(id + " CACHED")) {
          return "CACHED";
        }
        if (line.startsWith(id + " DONE")) {
          return "DONE";
        }
      }
    }
    return "not found: " + text;
  }
}
