package dev.berth.cli;

import dev.berth.app.PruneResult;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth system}: the store as a whole. */
@Command(
    name = "system",
    mixinStandardHelpOptions = true,
    description = "Manages berth's store as a whole.",
    subcommands = {SystemCommand.Prune.class})
final class SystemCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code berth system prune}. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Removes every blob, snapshot and build-cache record that no image name reaches, and"
              + " prints how much space that freed.",
      footer = {"", "Examples:", "  berth system prune"})
  static final class Prune implements Callable<Integer> {

    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PruneResult r = store.berth().images().prune();
      spec.commandLine()
          .getOut()
          .printf(
              "Deleted %d blobs, %d snapshots, %d cache records%nTotal reclaimed space: %s%n",
              r.blobs(), r.snapshots(), r.cacheRecords(), Sizes.human(r.bytes()));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
