package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth login}: checks and stores credentials for a registry. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a user name and password against a registry and stores them in docker's"
          + " config.json ($DOCKER_CONFIG/config.json, or ~/.docker/config.json), where docker"
          + " finds them too, or, when the file names a credential helper (credHelpers for the"
          + " registry, else credsStore), through docker-credential-NAME store. Other settings in"
          + " the file are kept."
    },
    footer = {"", "Examples:", "  echo \"$TOKEN\" | berth login -u me --password-stdin ghcr.io"})
final class LoginCommand implements Callable<Integer>, StdinFactory.ReadsStdin {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-u", "--username"},
      paramLabel = "USER",
      description = "The user name.")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "REGISTRY",
      description = "The registry host (default: Docker Hub).")
  String registry = "";

  private InputStream stdin = System.in;

  @Override
  public void stdin(InputStream in) {
    this.stdin = in;
  }

  @Override
  public Integer call() throws Exception {
    String password;
    if (passwordStdin) {
      password = readPassword();
    } else if (System.console() != null) {
      char[] typed = System.console().readPassword("Password: ");
      password = typed == null ? "" : new String(typed);
    } else {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "no terminal to ask for the password: use --password-stdin");
    }
    if (username == null || username.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "a user name is needed: -u USER");
    }
    if (password.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "the password is empty");
    }
    store.berth().registries().login(registry, username, password);
    spec.commandLine().getOut().println("Login Succeeded");
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The whole of standard input, without the line ending `echo` adds. */
  private String readPassword() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    stdin.transferTo(b);
    String s = b.toString(StandardCharsets.UTF_8);
    while (s.endsWith("\n") || s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
