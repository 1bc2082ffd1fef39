package dev.berth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth load}: images from an archive. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Loads images from a docker-archive tar (what docker save writes) or an OCI image layout"
          + " (a directory, or a tar of one), telling them apart by their contents. A gzip- or"
          + " zstd-compressed tar is read too.",
      "Every blob is verified; on any error the store is left as it was."
    },
    footer = {
      "",
      "Examples:",
      "  berth load -i busybox.tar",
      "  docker save myapp:1 | gzip > myapp.tar.gz && berth load -i myapp.tar.gz",
      "  berth load -i ./oci-layout-dir"
    })
final class LoadCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-i", "--input"},
      required = true,
      paramLabel = "FILE",
      description = "The archive file or OCI layout directory.")
  Path input;

  @Override
  public Integer call() throws Exception {
    store.berth().images().load(input).forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
