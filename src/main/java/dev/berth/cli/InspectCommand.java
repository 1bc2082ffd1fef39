package dev.berth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.Berth;
import dev.berth.app.ContainerService;
import dev.berth.cli.format.OutputFormat;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth inspect}: an image's config and manifest as JSON. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Prints a JSON array with one object per container or image named: for a container"
            + " docker's fields (Id, Name, State.Status, State.ExitCode, State.Pid, Config,"
            + " HostConfig, Mounts, NetworkSettings); for an image docker's fields (Id, RepoTags,"
            + " Comment, Created, Config, Architecture, Os, Size, RootFS) and berth's own"
            + " (ManifestDigest, Manifest, ImageConfig: the OCI config as stored).",
    footer = {
      "",
      "Examples:",
      "  berth inspect busybox",
      "  berth inspect web",
      "  berth inspect --type image 3f57d9401f8d",
      "  berth inspect --format '{{.Config.Env}}' busybox",
      "  berth inspect --format '{{range .RepoTags}}{{.}} {{end}}' busybox",
      "  berth inspect --format json busybox      # one compact object per line"
    })
final class InspectCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "NAME",
      description = "Container or image names, or ID prefixes.")
  List<String> names;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "container or image: look only among these.")
  String type;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "A Go template printed once per object (as docker's: {{.Id}}, {{json .Config}},"
              + " range, if, index, join, ...), or json for one compact object per line.")
  String format;

  @Override
  public Integer call() throws Exception {
    Berth berth = store.berth();
    List<ObjectNode> out = new ArrayList<>();
    for (String name : names) {
      Optional<ObjectNode> c =
          "image".equals(type) ? Optional.empty() : berth.containers().inspect(name);
      if (c.isPresent()) {
        out.add(c.get());
      } else if ("container".equals(type)) {
        throw new BerthException(ErrorKind.NOT_FOUND, "No such container: " + name);
      } else {
        out.addAll(berth.images().inspectObjects(List.of(name)));
      }
    }
    if (format != null) {
      OutputFormat f = OutputFormat.ofInspect(format);
      List<ObjectNode> shaped = out.stream().map(GoShapes::of).toList();
      spec.commandLine().getOut().print(f.renderMaps(shaped));
    } else {
      spec.commandLine().getOut().println(ContainerService.render(out));
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
