package dev.berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.format.OutputFormat;
import dev.berth.image.Platform;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth version}: docker's and podman's command, with only a client (there is no daemon). It
 * reads no store, so it works where nothing else has been set up yet.
 */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description =
        "Shows berth's version, the Java runtime it runs on and the platform, as docker version"
            + " shows its client (berth has no server).",
    footer = {
      "",
      "Examples:",
      "  berth version",
      "  berth version --format '{{.Client.Version}}'",
      "  berth version --format json"
    })
final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "json, or a Go template over the fields --format json shows.")
  String format;

  @Override
  public Integer call() throws Exception {
    ObjectNode o = json(berthVersion(), Runtime.version().toString(), Platform.host());
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == null ? text(o) : OutputFormat.ofInspect(format).renderMaps(List.of(o)));
    out.flush();
    return ExitCodes.OK;
  }

  private static String berthVersion() throws Exception {
    return new VersionProvider().getVersion()[0].replaceFirst("^berth ", "");
  }

  /** docker version's JSON shape, the client's Go fields replaced by Java's. */
  static ObjectNode json(String version, String javaVersion, Platform platform) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode client = o.putObject("Client");
    client.put("Version", version);
    client.put("JavaVersion", javaVersion);
    client.put("Os", platform.os());
    client.put("Arch", platform.architecture());
    return o;
  }

  /** As docker prints its client section: a heading, then aligned "Key: value" lines. */
  static String text(ObjectNode o) {
    ObjectNode c = (ObjectNode) o.get("Client");
    return "Client:\n"
        + String.format(" %-14s%s%n", "Version:", c.get("Version").asText())
        + String.format(" %-14s%s%n", "Java version:", c.get("JavaVersion").asText())
        + String.format(" %-14s%s/%s%n", "OS/Arch:", c.get("Os").asText(), c.get("Arch").asText());
  }
}
