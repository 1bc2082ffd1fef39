package dev.berth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.Berth;
import dev.berth.app.CheckReport;
import dev.berth.app.PruneResult;
import dev.berth.app.VolumeService;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
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
    subcommands = {DfCommand.class, SystemCommand.Prune.class, SystemCommand.Check.class})
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

  /** {@code berth system check}, as podman's. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Verifies the store and prints each problem on a line of its own: every blob's bytes"
            + " against its sha256 name; every image name's manifest (through any index, for"
            + " this machine's platform), config and layers present and intact, with each"
            + " layer's uncompressed digest equal to the diff ID its config claims; every"
            + " committed snapshot a name's layer chain reaches against that layer (its parent,"
            + " and every directory, file's size and bytes, hard link and symlink target the"
            + " layer adds). Not compared: owners, modes, times, xattrs, device nodes, FIFOs,"
            + " whiteouts and files a snapshot holds beyond its layer; snapshots no name reaches"
            + " are counted as not verified.",
        "Exits 1 when it finds problems and 0 when the store is sound (or --repair mended all"
            + " it found)."
      },
      footer = {
        "",
        "Examples:",
        "  berth system check",
        "  berth system check --repair",
        "  berth system check --format json"
      })
  static final class Check implements Callable<Integer> {

    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--repair",
        description =
            "Remove corrupt blobs, names whose image is broken and bad snapshots (with those"
                + " built on them; the next use unpacks them again), and say what was removed.")
    boolean repair;

    @Option(
        names = "--format",
        paramLabel = "json",
        description = "json: one object with the counts, the problems and what was repaired.")
    String format;

    @Override
    public Integer call() throws Exception {
      if (format != null && !format.equals("json")) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT, "--format: expected json, not '" + format + "'");
      }
      CheckReport r = store.berth().images().check(repair);
      PrintWriter out = spec.commandLine().getOut();
      if (format != null) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("Blobs", r.blobs());
        o.put("Refs", r.refs());
        o.put("Snapshots", r.snapshots());
        o.put("SnapshotsNotVerified", r.snapshotsNotVerified());
        ArrayNode problems = o.putArray("Problems");
        for (CheckReport.Problem p : r.problems()) {
          problems
              .addObject()
              .put("Kind", p.kind())
              .put("Subject", p.subject())
              .put("Message", p.message());
        }
        ArrayNode repaired = o.putArray("Repaired");
        r.repaired().forEach(repaired::add);
        out.println(o);
      } else {
        r.problems().forEach(p -> out.println(p.line()));
        r.repaired().forEach(out::println);
        out.printf(
            "Checked %d blobs, %d names, %d snapshots (%d not verified: no name reaches them):"
                + " %s%n",
            r.blobs(),
            r.refs(),
            r.snapshots(),
            r.snapshotsNotVerified(),
            r.problems().isEmpty()
                ? "no problems"
                : r.problems().size()
                    + (r.problems().size() == 1 ? " problem" : " problems")
                    + (repair ? ", repaired" : ""));
      }
      out.flush();
      return r.sound() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
