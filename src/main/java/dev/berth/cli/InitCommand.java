package dev.berth.cli;

import dev.berth.app.InitService;
import dev.berth.image.ImageReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth init}: writes a container setup for the Python project in a folder. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the Python project in DIR (pyproject.toml of Poetry, uv, PDM or PEP 621, poetry.lock,"
          + " uv.lock, requirements*.txt) and writes four files: a multi-stage Dockerfile (stages"
          + " builder, dev, project and prod), compose.yaml, .devcontainer/devcontainer.json and"
          + " a .dockerignore.",
      "Existing files are replaced only with --force; --dry-run prints the files instead."
    },
    footer = {
      "",
      "Exit codes: 0 written (or shown), 2 no Python project, bad input, or files in the way.",
      "",
      "Examples:",
      "  berth init",
      "  berth init --tool uv --python 3.12 --port 8080 myservice",
      "  berth init --base localhost/python:3.11-bookworm \\",
      "      --prod-base localhost/python:3.11-bookworm-slim --offline ."
    })
final class InitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--tool",
      paramLabel = "TOOL",
      description = "poetry, uv or pip, in place of the one the project's files point to.")
  InitService.InitTool tool;

  @Option(
      names = "--python",
      paramLabel = "VERSION",
      converter = Converters.PythonVersion.class,
      description = "The Python version (3.12), in place of the one the project asks for.")
  String python;

  @Option(
      names = "--base",
      paramLabel = "IMAGE",
      converter = Converters.ImageName.class,
      description =
          "The build stages' base image, in place of python:VERSION-slim (an offline base, or a"
              + " mirror's).")
  ImageReference base;

  @Option(
      names = "--prod-base",
      paramLabel = "IMAGE",
      converter = Converters.ImageName.class,
      description =
          "prod's base image (default: the build stages'); it must have their Python at the"
              + " same path.")
  ImageReference prodBase;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The images' and the compose project's name (default: the project's).")
  String name;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      converter = Converters.PortNumber.class,
      description = "The port the service listens on; makes it a web service (EXPOSE, ports).")
  Integer port;

  @Option(
      names = "--offline",
      description =
          "The builds reach no package index: pip takes wheels only from the base image's"
              + " /usr/share/python-wheels (Debian's).")
  boolean offline;

  @Option(
      names = "--cache-mounts",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Install with BuildKit cache mounts (default). --no-cache-mounts writes a Dockerfile"
              + " that docker's legacy builder builds too.")
  boolean cacheMounts;

  @Option(names = "--force", description = "Replace files that exist.")
  boolean force;

  @Option(names = "--dry-run", description = "Write nothing; print the files' text.")
  boolean dryRun;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The project folder (default: the current directory).")
  Path dir = Path.of(".");

  @Override
  public Integer call() throws Exception {
    InitService.InitResult result =
        new InitService()
            .init(
                new InitService.InitRequest(
                    dir,
                    Optional.ofNullable(tool),
                    Optional.ofNullable(python),
                    Optional.ofNullable(base),
                    Optional.ofNullable(prodBase),
                    Optional.ofNullable(name),
                    Optional.ofNullable(port),
                    offline,
                    cacheMounts,
                    force,
                    dryRun));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    result.findings().forEach(f -> err.println(f));
    for (InitService.InitFile f : result.files()) {
      switch (f.action()) {
        case SHOWN -> {
          out.println(
              "==> " + f.path() + (f.exists() ? " (exists: --force replaces it)" : "") + " <==");
          out.print(f.text());
          out.println();
        }
        case CREATED -> out.println("wrote " + f.path());
        case REPLACED -> out.println("replaced " + f.path());
        case UNCHANGED -> out.println("unchanged " + f.path());
      }
    }
    result.notes().forEach(n -> err.println("note: " + n));
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }
}
