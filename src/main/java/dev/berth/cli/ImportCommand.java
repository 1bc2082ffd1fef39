package dev.berth.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth import}: a root file system as an image. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a one-layer image of a root file system: a directory, or a tar (plain, gzip or zstd)"
          + " of one, and names it. This is how a debootstrap tree becomes a base image.",
      "A tar is extracted safely first: entries that would escape the root are refused. With"
          + " SOURCE_DATE_EPOCH set, the image's creation time is that time, so the same tree gives"
          + " the same image ID."
    },
    footer = {
      "",
      "Examples:",
      "  debootstrap --variant=minbase bookworm rootfs && berth import rootfs debian:bookworm",
      "  berth import busybox-rootfs.tar.gz busybox:local"
    })
final class ImportCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ROOTFS", description = "A directory or a tar of one.")
  Path source;

  @Parameters(index = "1", paramLabel = "NAME[:TAG]", description = "The image's name.")
  String name;

  @Override
  public Integer call() throws Exception {
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    Instant created = Instant.now();
    if (epoch != null && !epoch.isBlank()) {
      try {
        created = Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
      } catch (NumberFormatException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "SOURCE_DATE_EPOCH must be a whole number of seconds, not '" + epoch + "'");
      }
    }
    String id = store.berth().images().importRootfs(source, name, created);
    spec.commandLine().getOut().println(id);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
