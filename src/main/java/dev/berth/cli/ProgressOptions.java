package dev.berth.cli;

import dev.berth.event.EventSink;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress} and {@code -q}: how a build's progress is shown. */
final class ProgressOptions {

  enum Mode {
    auto,
    plain,
    tty,
    quiet,
    rawjson
  }

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto (tty on a terminal, else plain), plain, tty, quiet (only the image ID) or rawjson"
              + " (one JSON object per event, with a timestamp).")
  Mode progress;

  @Option(
      names = {"-q", "--quiet"},
      description = "Same as --progress quiet.")
  boolean quiet;

  /** The mode in effect, auto resolved for this terminal. */
  Mode mode() {
    Mode m = quiet ? Mode.quiet : progress;
    if (m == Mode.auto) {
      m = Terminals.isTerminal() ? Mode.tty : Mode.plain;
    }
    return m;
  }

  EventSink sink(PrintWriter err) {
    return switch (mode()) {
      case plain -> new PlainProgress(err);
      case tty -> new TtyProgress(err);
      case rawjson -> new JsonProgress(err);
      default -> EventSink.none();
    };
  }
}
