package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth logout}: forgets a registry's stored credentials. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = {
      "Removes a registry's credentials from docker's config.json, and from its credential"
          + " helper (docker-credential-NAME erase) when the file names one."
    })
final class LogoutCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "REGISTRY",
      description = "The registry host (default: Docker Hub).")
  String registry = "";

  @Override
  public Integer call() throws Exception {
    boolean removed = store.berth().registries().logout(registry);
    spec.commandLine()
        .getOut()
        .println(
            removed
                ? "Removing login credentials for " + registry
                : "Not logged in to " + registry);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
