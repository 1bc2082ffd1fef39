package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth tag}: another name for an image. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = "Gives an image another name (TARGET), as docker tag does.",
    footer = {"", "Examples:", "  berth tag busybox localhost:5000/tools/busybox:1.36"})
final class TagCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "An image name or ID prefix.")
  String source;

  @Parameters(index = "1", paramLabel = "TARGET", description = "The new name, NAME[:TAG].")
  String target;

  @Override
  public Integer call() throws Exception {
    store.berth().images().tag(source, target);
    return ExitCodes.OK;
  }
}
