package dev.berth.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth inspect}: an image's config and manifest as JSON. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Prints a JSON array with one object per image: its ID, names, manifest digest, size, "
            + "manifest and config.",
    footer = {"", "Examples:", "  berth inspect busybox", "  berth inspect 3f57d9401f8d"})
final class InspectCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or ID prefixes.")
  List<String> images;

  @Override
  public Integer call() throws Exception {
    spec.commandLine().getOut().println(store.berth().images().inspect(images));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
