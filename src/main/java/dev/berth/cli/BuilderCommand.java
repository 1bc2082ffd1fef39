package dev.berth.cli;

import dev.berth.app.PruneReport;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth builder}: the build cache, as docker's {@code builder} group. */
@Command(
    name = "builder",
    mixinStandardHelpOptions = true,
    description = "Manages the build cache.",
    subcommands = {BuilderCommand.Prune.class})
final class BuilderCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code berth builder prune}. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Removes build cache: the step cache records whose layer no image uses (with -a,"
              + " every record, so the next build runs each step again), the layers and"
              + " snapshots only they held, RUN --mount=type=cache directories, context digest"
              + " caches and --explain-cache records.",
      footer = {
        "",
        "Asks first unless -f; the answer is read from standard input, a terminal",
        "or not. Lists the removed cache records' keys, then the space freed in",
        "all (the rooms' entries included).",
        "",
        "Examples:",
        "  berth builder prune -f",
        "  berth builder prune -a -f                  # the next build starts cold",
        "  berth builder prune -f --filter until=24h  # keep the last day's"
      })
  static final class Prune implements Callable<Integer>, StdinFactory.ReadsStdin {

    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-a", "--all"},
        description = "Remove all unused build cache, not just dangling ones.")
    boolean all;

    @Mixin PruneDialog dialog;

    @Option(
        names = "--filter",
        paramLabel = "until=WHEN",
        converter = Converters.Until.class,
        description =
            "Only cache last written before WHEN: a duration (24h, 90m) back from now, an RFC 3339"
                + " time or Unix seconds.")
    Instant until;

    private InputStream stdin;

    @Override
    public void stdin(InputStream in) {
      this.stdin = in;
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      String warning =
          all
              ? "WARNING! This will remove all build cache. Are you sure you want to continue?"
              : "WARNING! This will remove all dangling build cache. Are you sure you want to"
                  + " continue?";
      if (!dialog.confirmed(stdin, out, warning)) {
        return ExitCodes.OK;
      }
      PruneReport r = store.berth().images().pruneBuildCache(all, Optional.ofNullable(until));
      PruneDialog.print(out, "Deleted build cache objects:", r);
      return ExitCodes.OK;
    }
  }
}
