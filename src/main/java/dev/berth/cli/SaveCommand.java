package dev.berth.cli;

import dev.berth.app.ArchiveFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth save}: images into an archive. */
@Command(
    name = "save",
    mixinStandardHelpOptions = true,
    description = {
      "Saves images into one tar: the format docker load reads (default), or an OCI image layout"
          + " (which skopeo, umoci and podman read).",
      "The file appears only once it is complete."
    },
    footer = {
      "",
      "Examples:",
      "  berth save -o app.tar myapp:1 && docker load -i app.tar",
      "  berth save --format oci -o app-oci.tar myapp:1 && skopeo inspect oci-archive:app-oci.tar"
    })
final class SaveCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "The tar file to write.")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "docker",
      description = "docker (default) or oci.")
  ArchiveFormat format;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or ID prefixes.")
  List<String> images;

  @Override
  public Integer call() throws Exception {
    store.berth().images().save(images, output, format);
    return ExitCodes.OK;
  }
}
