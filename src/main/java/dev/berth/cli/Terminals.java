package dev.berth.cli;

/** Whether berth talks to a terminal that understands cursor movement. */
final class Terminals {

  private Terminals() {}

  static boolean isTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.equals("dumb");
  }
}
