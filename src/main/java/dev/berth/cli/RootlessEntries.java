package dev.berth.cli;

import dev.berth.rootless.RootlessLauncher.Entry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Which user namespace each command needs when berth runs as an ordinary user: none for those that
 * only read files the user owns, a namespace of its own for image work, the holder for commands
 * that start containers, and the holder if it runs for those that touch them.
 */
final class RootlessEntries {

  private static final Set<String> NONE =
      Set.of(
          "check",
          "plan",
          "debug",
          "login",
          "logout",
          "help",
          "info",
          "completion",
          "compose config",
          "compose version",
          "version");

  private static final Set<String> TRANSIENT =
      Set.of(
          "build",
          "pull",
          "push",
          "save",
          "load",
          "import",
          "rmi",
          "images",
          "inspect",
          "tag",
          "history",
          "image",
          "builder",
          "compose build",
          "compose pull",
          "compose push",
          "compose images",
          "dev build",
          "dev read-configuration");

  private static final Set<String> HOLDER =
      Set.of(
          "run",
          "create",
          "start",
          "restart",
          "compose up",
          "compose run",
          "compose start",
          "compose restart",
          "compose create",
          "dev up");

  private RootlessEntries() {}

  /**
   * The namespace {@code args} need, or empty when the command runs as it is: it needs none, asks
   * only for help or the version, or does not parse (the command line then reports why).
   */
  static Optional<Entry> of(String[] args) {
    ParseResult parsed;
    try {
      PrintWriter none = new PrintWriter(Writer.nullWriter());
      parsed =
          BerthCommand.commandLine(none, none, InputStream.nullInputStream(), args).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return Optional.empty();
    }
    List<String> path = new ArrayList<>();
    for (ParseResult r = parsed; r != null; r = r.subcommand()) {
      if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
        return Optional.empty();
      }
      if (r != parsed) {
        path.add(r.commandSpec().name());
      }
    }
    if (path.isEmpty()) {
      return Optional.empty();
    }
    return of(path);
  }

  /** The namespace for a command given as its names ({@code compose up} is two). */
  static Optional<Entry> of(List<String> path) {
    String key = path.get(0);
    String two = path.size() > 1 ? key + " " + path.get(1) : key;
    if (NONE.contains(two) || TRANSIENT.contains(two) || HOLDER.contains(two)) {
      key = two;
    }
    if (NONE.contains(key)) {
      return Optional.empty();
    }
    if (TRANSIENT.contains(key)) {
      return Optional.of(Entry.TRANSIENT);
    }
    if (HOLDER.contains(key)) {
      return Optional.of(Entry.HOLDER);
    }
    return Optional.of(Entry.HOLDER_IF_RUNNING);
  }
}
