package dev.berth.cli;

import dev.berth.app.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth create}: makes a container without starting it. */
@Command(
    name = "create",
    description = {
      "Creates a container of IMAGE, as docker create does, and prints its ID; berth start runs"
          + " it. Takes the flags of berth run."
    },
    footer = {"", "Examples:", "  berth create --name web -p 8080:80 app:1 && berth start web"})
final class CreateCommand implements Callable<Integer> {

  @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Mixin StoreOptions store;

  @Mixin ContainerOptions container;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "An image name or ID prefix.")
  String image;

  @Parameters(
      index = "1..*",
      paramLabel = "COMMAND",
      description = "The command and its arguments.")
  List<String> command = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RunOptions options = container.options(image, command, true);
    options.privileges().warnings().forEach(spec.commandLine().getErr()::println);
    String id = store.berth().containers().create(options);
    spec.commandLine().getOut().println(id);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
