package dev.berth.cli;

import dev.berth.app.ImageService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rmi}: removes images. */
@Command(
    name = "rmi",
    mixinStandardHelpOptions = true,
    description = {
      "Removes image names. When an image loses its last name it is deleted, with the layers no"
          + " other image uses.",
      "An image ID removes every name of that image only with --force."
    },
    footer = {"", "Examples:", "  berth rmi busybox:latest", "  berth rmi --force 3f57d9401f8d"})
final class RmiCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--force"},
      description = "Remove every name of an image given by ID.")
  boolean force;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or ID prefixes.")
  List<String> images;

  @Override
  public Integer call() throws Exception {
    ImageService.ImageRemoval r = store.berth().images().removeEach(images, force);
    r.lines().forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    r.failures().forEach(f -> BerthCommand.report(f, spec.commandLine().getErr()));
    // As docker: the names that could go are gone; any that could not make the command fail (1).
    return r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
