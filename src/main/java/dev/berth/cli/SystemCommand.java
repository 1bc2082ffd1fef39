package dev.berth.cli;

import dev.berth.app.Berth;
import dev.berth.app.PruneResult;
import dev.berth.app.VolumeService;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth system}: the store as a whole. */
@Command(
    name = "system",
    mixinStandardHelpOptions = true,
    description = "Manages berth's store as a whole.",
    subcommands = {DfCommand.class, SystemCommand.Prune.class})
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
          "Removes every blob, snapshot and build-cache record that no image name reaches, and the"
              + " build cache (context digest caches, RUN cache mounts, --explain-cache records),"
              + " and prints how much space that freed.",
      footer = {
        "",
        "Examples:",
        "  berth system prune",
        "  berth system prune --filter until=24h   # keep build cache written in the last day"
      })
  static final class Prune implements Callable<Integer> {

    @Mixin StoreOptions store;

    @Option(
        names = "--filter",
        paramLabel = "until=WHEN",
        converter = Converters.Until.class,
        description =
            "Only build cache last written before WHEN: a duration (24h, 90m) back from now, an"
                + " RFC 3339 time or Unix seconds.")
    Instant until;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--volumes", description = "Also remove volumes no container uses.")
    boolean volumes;

    @Option(
        names = {"-f", "--force"},
        description = "Do not ask (berth never asks; accepted for docker's sake).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      Berth berth = store.berth();
      PrintWriter out = spec.commandLine().getOut();
      {
        List<String> containers = berth.containers().pruneStopped();
        if (!containers.isEmpty()) {
          out.println("Deleted Containers:");
          containers.forEach(out::println);
          out.println();
        }
        List<String> networks = berth.networks().pruneUnused();
        if (!networks.isEmpty()) {
          out.println("Deleted Networks:");
          networks.forEach(out::println);
          out.println();
        }
      }
      if (volumes) {
        VolumeService.Pruned v = berth.volumes().prune();
        if (!v.names().isEmpty()) {
          out.println("Deleted Volumes:");
          v.names().forEach(out::println);
          out.println();
        }
      }
      PruneResult r = berth.images().prune(Optional.ofNullable(until));
      out.printf(
          "Deleted %d blobs, %d snapshots, %d cache records%n"
              + "Deleted build cache: %d entries, %s%n"
              + "Total reclaimed space: %s%n",
          r.blobs(),
          r.snapshots(),
          r.cacheRecords(),
          r.buildCache(),
          Sizes.human(r.buildCacheBytes()),
          Sizes.human(r.bytes()));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
