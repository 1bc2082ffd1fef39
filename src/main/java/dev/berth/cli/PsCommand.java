package dev.berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.ContainerService;
import dev.berth.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth ps}: lists containers, as docker ps does. */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description = "Lists running containers (all with -a), newest first.",
    footer = {
      "",
      "Examples:",
      "  berth ps",
      "  berth ps -a --filter status=exited",
      "  berth ps -q --filter label=com.docker.compose.project=app",
      "  berth ps --format json",
      "  berth ps -a --format 'table {{.Names}}\\t{{.Status}}'"
    })
final class PsCommand implements Callable<Integer> {

  static final OutputFormat.Columns COLUMNS =
      new OutputFormat.Columns(
          "container",
          headers(),
          "{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}"
              + "\t{{.Names}}");

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-a", "--all"},
      description = "Stopped containers too.")
  boolean all;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only the IDs.")
  boolean quiet;

  @Option(
      names = {"-f", "--filter"},
      paramLabel = "KEY=VALUE",
      converter = Converters.Pair.class,
      description = "label=K[=V], name=NAME, status=created|running|exited, id=PREFIX; repeatable.")
  List<KeyValue> filters = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "json (one object per line), table, 'table TEMPLATE' (with a header row), or a Go"
              + " template printed per container. Fields: .ID .Image .Command .CreatedAt"
              + " .RunningFor .Ports .State .Status .Names .Labels.")
  String format;

  @Option(names = "--no-trunc", description = "Do not cut IDs and commands short.")
  boolean noTrunc;

  @Override
  public Integer call() throws Exception {
    Predicate<ContainerService.ContainerRow> filter = r -> true;
    for (KeyValue f : filters) {
      filter = filter.and(matcher(f));
    }
    if (filters.stream().anyMatch(f -> f.key().equals("status"))) {
      all = true;
    }
    List<ContainerService.ContainerRow> rows = store.berth().containers().list(all, filter);
    PrintWriter out = spec.commandLine().getOut();
    if (quiet) {
      rows.forEach(r -> out.println(noTrunc ? r.id() : r.id().substring(0, 12)));
    } else {
      OutputFormat f = OutputFormat.ofList(format, COLUMNS);
      Instant now = Instant.now();
      List<ObjectNode> objects = new ArrayList<>();
      for (ContainerService.ContainerRow r : rows) {
        objects.add(object(r, now));
      }
      out.print(f.renderList(objects, COLUMNS));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** A row as docker's container context shows it, fields in docker's JSON order (sorted). */
  private ObjectNode object(ContainerService.ContainerRow r, Instant now) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("Command", "\"" + (noTrunc ? r.command() : cut(r.command(), 20)) + "\"");
    o.put("CreatedAt", ImagesCommand.goTime(r.created()));
    o.put("ID", noTrunc ? r.id() : r.id().substring(0, 12));
    o.put("Image", r.image());
    o.put(
        "Labels",
        String.join(
            ",",
            new TreeMap<>(r.labels())
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    o.put("Names", r.name());
    o.put("Ports", r.ports());
    o.put("RunningFor", ImagesCommand.ago(r.created(), now));
    o.put("State", r.state());
    o.put("Status", r.status());
    return o;
  }

  private static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("Command", "COMMAND");
    h.put("CreatedAt", "CREATED AT");
    h.put("ID", "CONTAINER ID");
    h.put("Image", "IMAGE");
    h.put("Labels", "LABELS");
    h.put("Names", "NAMES");
    h.put("Ports", "PORTS");
    h.put("RunningFor", "CREATED");
    h.put("State", "STATE");
    h.put("Status", "STATUS");
    return h;
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private Predicate<ContainerService.ContainerRow> matcher(KeyValue f) {
    String v = f.value().orElse("");
    return switch (f.key().toLowerCase(Locale.ROOT)) {
      case "label" -> {
        int eq = v.indexOf('=');
        String key = eq < 0 ? v : v.substring(0, eq);
        String value = eq < 0 ? null : v.substring(eq + 1);
        yield r ->
            r.labels().containsKey(key) && (value == null || value.equals(r.labels().get(key)));
      }
      case "name" -> r -> r.name().contains(v);
      case "id" -> r -> r.id().startsWith(v);
      case "status" -> r -> r.state().equals(v);
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "invalid filter '" + f.key() + "': expected label, name, id or status");
    };
  }
}
