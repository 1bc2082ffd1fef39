package dev.berth.cli;

import dev.berth.app.PruneReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * What every {@code prune} command shares with docker's: {@code -f} or the confirmation prompt
 * first, then the removed objects under a heading and the space freed.
 */
final class PruneDialog {

  @Option(
      names = {"-f", "--force"},
      description = "Do not prompt for confirmation.")
  boolean force;

  /** Whether to go on: {@code -f} was given, or the user answered yes to {@code warning}. */
  boolean confirmed(InputStream stdin, PrintWriter out, String warning) throws IOException {
    return force || Confirm.ask(stdin, out, warning);
  }

  /** The report as docker prints it: {@code heading}, one removed object a line, the total. */
  static void print(PrintWriter out, String heading, PruneReport r) {
    if (!r.lines().isEmpty()) {
      out.println(heading);
      r.lines().forEach(out::println);
      out.println();
    }
    out.println("Total reclaimed space: " + Sizes.human(r.bytes(), 4));
    out.flush();
  }
}
