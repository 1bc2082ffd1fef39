package dev.berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.ContainerService;
import dev.berth.app.NetworkService;
import dev.berth.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network}: bridge networks. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description =
        "Manages networks: Linux bridges with a subnet each, made through the CNI plugins."
            + " Containers on one network reach each other by name.",
    subcommands = {
      NetworkCommand.Create.class,
      NetworkCommand.Ls.class,
      NetworkCommand.Inspect.class,
      NetworkCommand.Rm.class
    })
final class NetworkCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Makes a network with its own bridge and subnet (the next free 10.89.N.0/24).",
      footer = {
        "",
        "Examples:",
        "  berth network create appnet",
        "  berth network create --subnet 10.90.0.0/24 lab"
      })
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "The subnet, e.g. 10.90.0.0/24.")
    String subnet;

    @Option(
        names = {"-d", "--driver"},
        paramLabel = "DRIVER",
        defaultValue = "bridge",
        description = "bridge, the only driver berth has.")
    String driver;

    @Option(
        names = "--label",
        converter = Converters.Pair.class,
        paramLabel = "KEY=VALUE",
        description = "A label; repeatable.")
    List<KeyValue> labels = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      if (!driver.equals("bridge")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "invalid --driver '" + driver + "': berth has only bridge");
      }
      spec.commandLine()
          .getOut()
          .println(
              store
                  .berth()
                  .networks()
                  .create(name, Optional.ofNullable(subnet), KeyValue.toMap(labels, k -> null)));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists networks.")
  static final class Ls implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only the IDs.")
    boolean quiet;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description =
            "json, table, 'table TEMPLATE' or a Go template per network; fields .ID .Name"
                + " .Driver .Scope .Subnet.")
    String format;

    static final OutputFormat.Columns COLUMNS =
        new OutputFormat.Columns(
            "network", headers(), "{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Subnet}}");

    private static ObjectNode headers() {
      ObjectNode h = JsonNodeFactory.instance.objectNode();
      h.put("Driver", "DRIVER");
      h.put("ID", "NETWORK ID");
      h.put("Name", "NAME");
      h.put("Scope", "SCOPE");
      h.put("Subnet", "SUBNET");
      return h;
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<NetworkService.NetworkRow> rows = store.berth().networks().list();
      if (quiet) {
        rows.forEach(r -> out.println(r.id()));
      } else {
        List<ObjectNode> objects = new ArrayList<>();
        for (NetworkService.NetworkRow r : rows) {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          o.put("Driver", r.driver());
          o.put("ID", r.id());
          o.put("Name", r.name());
          o.put("Scope", "local");
          o.put("Subnet", r.subnet());
          objects.add(o);
        }
        out.print(OutputFormat.ofList(format, COLUMNS).renderList(objects, COLUMNS));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "Prints networks as JSON.")
  static final class Inspect implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Override
    public Integer call() throws Exception {
      spec.commandLine()
          .getOut()
          .println(ContainerService.render(store.berth().networks().inspect(names)));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Removes networks that no container uses, and their bridges.")
  static final class Rm implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Override
    public Integer call() throws Exception {
      NetworkService networks = store.berth().networks();
      for (String n : names) {
        networks.remove(n);
        spec.commandLine().getOut().println(n);
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
