package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth push}: an image from the store to a registry. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Pushes an image to the registry its name points at. Blobs the registry has are skipped,"
          + " blobs in another repository of the same registry are mounted from it, the rest are"
          + " uploaded; then the manifest, whose digest is printed.",
      "Credentials come from docker's config.json (see berth login).",
      "Layers berth built are kept uncompressed in the store and compressed on their way out,"
          + " on all cores, once: the compressed blob is kept for the next push."
    },
    footer = {
      "",
      "Examples:",
      "  berth tag app:1 127.0.0.1:5000/app:1 && berth push 127.0.0.1:5000/app:1",
      "  berth push --compression zstd 127.0.0.1:5000/app:1"
    })
final class PushCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransferOptions transfer;

  @Mixin CompressionOptions compression;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "NAME[:TAG].")
  String image;

  @Override
  public Integer call() throws Exception {
    var layers = compression.compression();
    TransferOptions.Progress progress = transfer.open(spec.commandLine().getErr());
    String line =
        store.berth().registries().push(image, progress.updates(), progress.everyChunk(), layers);
    progress.finish().run();
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
