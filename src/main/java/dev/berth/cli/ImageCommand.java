package dev.berth.cli;

import dev.berth.app.ImageFilter;
import dev.berth.app.ImagePruneRequest;
import dev.berth.app.PruneReport;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth image}: docker's image management group ({@code history}, {@code prune}). */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = "Manages images: their history, and removing the unused ones.",
    subcommands = {HistoryCommand.class, ImageCommand.Prune.class})
final class ImageCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code berth image prune}. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Removes dangling images (ones no name points at any more, such as the image a tag"
              + " pointed at before a rebuild) and, with -a, every image no container uses; then"
              + " the blobs and snapshots only they held. The build cache stays (see berth builder"
              + " prune).",
      footer = {
        "",
        "Asks first unless -f; the answer is read from standard input, a terminal",
        "or not.",
        "",
        "Filters (as docker's): until=WHEN (created before WHEN: a duration such as",
        "24h back from now, an RFC 3339 time or Unix seconds), label=KEY,",
        "label=KEY=VALUE, label!=KEY, label!=KEY=VALUE. Every filter must pass.",
        "",
        "Examples:",
        "  berth image prune -f",
        "  berth image prune -a -f                  # every image no container uses",
        "  berth image prune -a --filter until=168h  # ... created over a week ago",
        "  berth image prune -f --filter label=stage=ci",
        "  echo y | berth image prune"
      })
  static final class Prune implements Callable<Integer>, StdinFactory.ReadsStdin {

    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-a", "--all"},
        description = "Remove all unused images, not just dangling ones.")
    boolean all;

    @Mixin PruneDialog dialog;

    @Option(
        names = "--filter",
        paramLabel = "FILTER",
        converter = Converters.PruneFilter.class,
        description = "until=WHEN, label=KEY[=VALUE] or label!=KEY[=VALUE]; may be repeated.")
    List<ImageFilter> filters = new ArrayList<>();

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
              ? "WARNING! This will remove all images without at least one container associated"
                  + " to them.\nAre you sure you want to continue?"
              : "WARNING! This will remove all dangling images.\n"
                  + "Are you sure you want to continue?";
      if (!dialog.confirmed(stdin, out, warning)) {
        return ExitCodes.OK;
      }
      PruneReport r = store.berth().images().pruneImages(new ImagePruneRequest(all, filters));
      PruneDialog.print(out, "Deleted Images:", r);
      return ExitCodes.OK;
    }
  }
}
