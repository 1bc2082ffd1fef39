package dev.berth.cli;

import dev.berth.app.TransferUpdate;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code -q} for pull and push, and the progress they show: bars redrawn in place on a terminal,
 * plain lines otherwise, nothing with {@code -q}.
 */
final class TransferOptions {

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress.")
  boolean quiet;

  /** Where transfer updates go, and whether they come for every chunk (for bars). */
  record Progress(Consumer<TransferUpdate> updates, boolean everyChunk, Runnable finish) {}

  Progress open(PrintWriter err) {
    if (quiet) {
      return new Progress(u -> {}, false, () -> {});
    }
    if (Terminals.isTerminal()) {
      TransferBars bars = new TransferBars(err);
      return new Progress(bars, true, bars::finish);
    }
    return new Progress(
        u -> {
          err.println(u.line());
          err.flush();
        },
        false,
        () -> {});
  }
}
