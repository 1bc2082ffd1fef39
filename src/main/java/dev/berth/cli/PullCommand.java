package dev.berth.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth pull}: an image from a registry into the store. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Pulls an image from a registry into the store: for an index or manifest list, the"
          + " linux/amd64 manifest. Blobs the store has are not fetched again; every blob is"
          + " verified against its digest before it is stored.",
      "Credentials come from docker's config.json (see berth login). Registries on localhost and"
          + " 127.0.0.1, those named in BERTH_INSECURE_REGISTRIES and the insecure ones of"
          + " registries.conf are reached over plain HTTP.",
      "registries.conf (podman's: $CONTAINERS_REGISTRIES_CONF, ~/.config/containers/ or"
          + " /etc/containers/) may name mirrors, tried before the registry, blocked registries,"
          + " short-name aliases and the unqualified-search-registries a short name is tried"
          + " in, in order."
    },
    footer = {
      "",
      "Examples:",
      "  berth pull busybox",
      "  berth pull 127.0.0.1:5000/app:1",
      "  CONTAINERS_REGISTRIES_CONF=./registries.conf berth pull app:1"
    })
final class PullCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransferOptions transfer;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "NAME[:TAG] or NAME@DIGEST.")
  String image;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TransferOptions.Progress progress = transfer.open(spec.commandLine().getErr());
    List<String> lines =
        store.berth().registries().pull(image, progress.updates(), progress.everyChunk());
    progress.finish().run();
    if (!transfer.quiet) {
      lines.forEach(out::println);
    } else {
      out.println(lines.get(lines.size() - 1));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
