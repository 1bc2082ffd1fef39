package dev.berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.ContainerService;
import dev.berth.app.VolumeService;
import dev.berth.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume}: named volumes. */
@Command(
    name = "volume",
    mixinStandardHelpOptions = true,
    description = "Manages named volumes: directories in berth's store that outlive containers.",
    subcommands = {
      VolumeCommand.Create.class,
      VolumeCommand.Ls.class,
      VolumeCommand.Inspect.class,
      VolumeCommand.Rm.class,
      VolumeCommand.Prune.class
    })
final class VolumeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Makes a volume.",
      footer = {"", "Examples:", "  berth volume create data"})
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
      spec.commandLine()
          .getOut()
          .println(store.berth().volumes().create(name, KeyValue.toMap(labels, k -> null)));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "Lists volumes.",
      footer = {"", "Examples:", "  berth volume ls -q", "  berth volume ls --format '{{.Name}}'"})
  static final class Ls implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only the names.")
    boolean quiet;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description =
            "json, table, 'table TEMPLATE' or a Go template per volume; fields .Driver .Name"
                + " .Scope.")
    String format;

    static final OutputFormat.Columns COLUMNS =
        new OutputFormat.Columns("volume", headers(), "{{.Driver}}\t{{.Name}}");

    private static ObjectNode headers() {
      ObjectNode h = JsonNodeFactory.instance.objectNode();
      h.put("Driver", "DRIVER");
      h.put("Name", "VOLUME NAME");
      h.put("Scope", "SCOPE");
      return h;
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<String> names = store.berth().volumes().list();
      if (quiet) {
        names.forEach(out::println);
      } else {
        List<ObjectNode> rows = new ArrayList<>();
        for (String n : names) {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          o.put("Driver", "local");
          o.put("Name", n);
          o.put("Scope", "local");
          rows.add(o);
        }
        out.print(OutputFormat.ofList(format, COLUMNS).renderList(rows, COLUMNS));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "Prints volumes as JSON.")
  static final class Inspect implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Override
    public Integer call() throws Exception {
      spec.commandLine()
          .getOut()
          .println(ContainerService.render(store.berth().volumes().inspect(names)));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Removes volumes and their data; one a container uses only with -f.")
  static final class Rm implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-f", "--force"},
        description = "Remove it even when a container uses it.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Override
    public Integer call() throws Exception {
      VolumeService volumes = store.berth().volumes();
      for (String n : names) {
        volumes.remove(n, force);
        spec.commandLine().getOut().println(n);
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description = "Removes every volume no container uses.")
  static final class Prune implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-f", "--force"},
        description = "Do not ask (berth never asks; accepted for docker's sake).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      VolumeService.Pruned p = store.berth().volumes().prune();
      PrintWriter out = spec.commandLine().getOut();
      if (!p.names().isEmpty()) {
        out.println("Deleted Volumes:");
        p.names().forEach(out::println);
        out.println();
      }
      out.println("Total reclaimed space: " + Sizes.human(p.bytes()));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
