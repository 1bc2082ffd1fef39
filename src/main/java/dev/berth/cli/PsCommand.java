package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.ContainerService;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
      "  berth ps --format json"
    })
final class PsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

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
      description = "table (default) or json (one object per line).")
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
      rows.forEach(r -> out.println(r.id().substring(0, 12)));
    } else if ("json".equals(format)) {
      for (ContainerService.ContainerRow r : rows) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ID", r.id().substring(0, 12));
        o.put("Names", r.name());
        o.put("Image", r.image());
        o.put("Command", "\"" + r.command() + "\"");
        o.put("CreatedAt", r.created().toString());
        o.put("State", r.state());
        o.put("Status", r.status());
        o.put("Ports", r.ports());
        o.put(
            "Labels",
            String.join(
                ",",
                r.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        out.println(JSON.writeValueAsString(o));
      }
    } else if (format == null || format.equals("table")) {
      List<List<String>> table = new ArrayList<>();
      table.add(List.of("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"));
      for (ContainerService.ContainerRow r : rows) {
        String command = "\"" + (noTrunc ? r.command() : cut(r.command(), 20)) + "\"";
        table.add(
            List.of(
                noTrunc ? r.id() : r.id().substring(0, 12),
                r.image(),
                command,
                ImagesCommand.ago(r.created(), Instant.now()),
                r.status(),
                r.ports(),
                r.name()));
      }
      Tables.print(out, table);
    } else {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "invalid --format '" + format + "': expected table or json");
    }
    out.flush();
    return ExitCodes.OK;
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
