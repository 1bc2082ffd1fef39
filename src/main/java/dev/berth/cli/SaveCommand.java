package dev.berth.cli;

import dev.berth.app.ArchiveFormat;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
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
      "  berth save myapp:1 | docker load             # to standard output when redirected",
      "  berth save myapp:1 | gzip > app.tar.gz",
      "  berth save --format oci -o app-oci.tar myapp:1 && skopeo inspect oci-archive:app-oci.tar",
      "  berth save --compression uncompressed myapp:1 | docker load   # fastest: nothing to"
          + " deflate"
    })
final class SaveCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "The tar file to write (default: standard output, which must not be a terminal).")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "docker",
      description = "docker (default) or oci.")
  ArchiveFormat format;

  @Mixin CompressionOptions compression;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or ID prefixes.")
  List<String> images;

  @Override
  public Integer call() throws Exception {
    var layers = compression.compression();
    if (output != null) {
      store.berth().images().save(images, output, format, layers);
      return ExitCodes.OK;
    }
    if (Terminals.isTty(1)) {
      // docker's wording, so scripts and fingers that know it recognise it.
      throw new BerthException(
          ErrorKind.INVALID_INPUT,
          "cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }
    // The tar is binary: it goes to file descriptor 1 itself, not through the text writer.
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    store.berth().images().save(images, stdout, format, layers);
    stdout.flush();
    return ExitCodes.OK;
  }
}
