package dev.berth.cli;

import dev.berth.app.Settings;
import dev.berth.diag.BerthException;
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
      description =
          "auto (tty on a terminal, else plain), plain, tty, quiet (only the image ID) or rawjson"
              + " (one JSON object per event, with a timestamp). Default: $BERTH_PROGRESS, else"
              + " the config file's progress, else auto.")
  Mode progress;

  @Option(
      names = {"-q", "--quiet"},
      description = "Same as --progress quiet.")
  boolean quiet;

  /** The mode in effect: the flags', else the settings' (env, config file); auto resolved. */
  Mode mode() throws BerthException {
    Mode m = quiet ? Mode.quiet : progress;
    if (m == null) {
      m = Mode.valueOf(Settings.current(System.getenv()).progress().value());
    }
    if (m == Mode.auto) {
      m = Terminals.isTerminal() ? Mode.tty : Mode.plain;
    }
    return m;
  }

  EventSink sink(PrintWriter err) throws BerthException {
    return sink(mode(), err);
  }

  static EventSink sink(Mode mode, PrintWriter err) {
    return switch (mode) {
      case plain -> new PlainProgress(err);
      case tty -> new TtyProgress(err);
      case rawjson -> new JsonProgress(err);
      default -> EventSink.none();
    };
  }
}
