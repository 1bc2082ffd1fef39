package dev.berth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.DiskUsage;
import dev.berth.cli.format.OutputFormat;
import dev.berth.cli.format.Template;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth system df}: the store's space, as docker's table. */
@Command(
    name = "df",
    mixinStandardHelpOptions = true,
    description =
        "Shows the space images, containers, volumes and the build cache take in berth's store.",
    footer = {
      "",
      "How it counts: an image is its blobs (manifest, config, compressed layers)",
      "and its layers' unpacked snapshots; a blob or snapshot that images share",
      "counts once in the Images total and in each one's SHARED SIZE. RECLAIMABLE",
      "is what no image a container uses holds. A container is its writable",
      "layer, a volume its data. Build cache is what no image reaches: step",
      "cache records and the layers and snapshots only they hold, RUN cache",
      "mounts, context digest caches and --explain-cache records.",
      "",
      "--format fields (as docker's): .Type .TotalCount .Active .Size",
      ".Reclaimable; with -v the template runs once over .Images .Containers",
      ".Volumes .BuildCache.",
      "",
      "Examples:",
      "  berth system df",
      "  berth system df -v",
      "  berth system df --format json",
      "  berth system df --format '{{.Type}}: {{.Size}}'",
      "  berth system df -v --format '{{range .Images}}{{.Size}} {{end}}'"
    })
final class DfCommand implements Callable<Integer> {

  private static final OutputFormat.Columns SUMMARY =
      new OutputFormat.Columns(
          "*formatter.diskUsageImagesContext",
          headers(
              "Type",
              "TYPE",
              "TotalCount",
              "TOTAL",
              "Active",
              "ACTIVE",
              "Size",
              "SIZE",
              "Reclaimable",
              "RECLAIMABLE"),
          "{{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}");

  private static final OutputFormat.Columns IMAGES =
      new OutputFormat.Columns(
          "*formatter.imageContext",
          headers(
              "Containers",
              "CONTAINERS",
              "CreatedAt",
              "CREATED AT",
              "CreatedSince",
              "CREATED",
              "Digest",
              "DIGEST",
              "ID",
              "IMAGE ID",
              "Repository",
              "REPOSITORY",
              "SharedSize",
              "SHARED SIZE",
              "Size",
              "SIZE",
              "Tag",
              "TAG",
              "UniqueSize",
              "UNIQUE SIZE",
              "VirtualSize",
              "SIZE"),
          "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}"
              + "\t{{.UniqueSize}}\t{{.Containers}}");

  private static final OutputFormat.Columns CONTAINERS =
      new OutputFormat.Columns(
          "*formatter.ContainerContext",
          headers(
              "Command",
              "COMMAND",
              "CreatedAt",
              "CREATED AT",
              "ID",
              "CONTAINER ID",
              "Image",
              "IMAGE",
              "LocalVolumes",
              "LOCAL VOLUMES",
              "Names",
              "NAMES",
              "RunningFor",
              "CREATED",
              "Size",
              "SIZE",
              "State",
              "STATE",
              "Status",
              "STATUS"),
          "{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}"
              + "\t{{.Status}}\t{{.Names}}");

  private static final OutputFormat.Columns VOLUMES =
      new OutputFormat.Columns(
          "*formatter.volumeContext",
          headers("Links", "LINKS", "Name", "VOLUME NAME", "Size", "SIZE"),
          "{{.Name}}\t{{.Links}}\t{{.Size}}");

  private static final OutputFormat.Columns CACHE =
      new OutputFormat.Columns(
          "*formatter.buildCacheContext",
          headers(
              "CacheType",
              "CACHE TYPE",
              "CreatedSince",
              "CREATED",
              "Description",
              "DESCRIPTION",
              "ID",
              "CACHE ID",
              "InUse",
              "IN USE",
              "LastUsedSince",
              "LAST USED",
              "Shared",
              "SHARED",
              "Size",
              "SIZE",
              "UsageCount",
              "USAGE"),
          "{{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}"
              + "\t{{.UsageCount}}\t{{.Shared}}");

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show each image, container, volume and build-cache entry.")
  boolean verbose;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "json (one object per line), table, 'table TEMPLATE' (with a header row), or a Go"
              + " template.")
  String format;

  @Override
  public Integer call() throws Exception {
    DiskUsage du = store.berth().diskUsage().usage();
    PrintWriter out = spec.commandLine().getOut();
    String f = format == null ? "" : format.strip();
    Instant now = Instant.now();
    if (!verbose) {
      out.print(OutputFormat.ofList(f, SUMMARY).renderList(summary(du), SUMMARY));
    } else if (f.isEmpty() || f.equals("table")) {
      boolean trunc = true;
      out.print("Images space usage:\n\n");
      out.print(table(IMAGES, images(du, now, trunc)));
      out.print("\nContainers space usage:\n\n");
      out.print(table(CONTAINERS, containers(du, now, trunc)));
      out.print("\nLocal Volumes space usage:\n\n");
      out.print(table(VOLUMES, volumes(du)));
      out.print("\nBuild cache usage: " + Sizes.human(du.buildCacheSize(), 4) + "\n\n");
      out.print(table(CACHE, cache(du, now, trunc)));
    } else {
      boolean trunc = f.startsWith("table");
      ObjectNode all = JsonNodeFactory.instance.objectNode();
      all.set("Images", array(images(du, now, trunc)));
      all.set("Containers", array(containers(du, now, trunc)));
      all.set("Volumes", array(volumes(du)));
      all.set("BuildCache", array(cache(du, now, trunc)));
      if (f.equals("json")) {
        out.print(OutputFormat.ofList("json", SUMMARY).renderList(List.of(all), SUMMARY));
      } else {
        String t = trunc ? f.substring("table".length()).strip() : f;
        out.print(Template.parse(t).executeOnStruct(all, "*formatter.diskUsageContext"));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String table(OutputFormat.Columns c, List<ObjectNode> rows) throws Exception {
    return OutputFormat.ofList("table", c).renderList(rows, c);
  }

  private static ArrayNode array(List<ObjectNode> rows) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    rows.forEach(a::add);
    return a;
  }

  static List<ObjectNode> summary(DiskUsage du) {
    long active = du.images().stream().filter(i -> i.containers() > 0).count();
    long running = du.containers().stream().filter(DiskUsage.ContainerUsage::running).count();
    long linked = du.volumes().stream().filter(v -> v.links() > 0).count();
    return List.of(
        line("Images", du.images().size(), active, du.imagesSize(), du.imagesReclaimable(), true),
        line(
            "Containers",
            du.containers().size(),
            running,
            du.containersSize(),
            du.containersReclaimable(),
            true),
        line(
            "Local Volumes",
            du.volumes().size(),
            linked,
            du.volumesSize(),
            du.volumesReclaimable(),
            true),
        line(
            "Build Cache",
            du.buildCache().size(),
            0,
            du.buildCacheSize(),
            du.buildCacheSize(),
            false));
  }

  /** One summary line; docker adds the reclaimable percentage except for the build cache. */
  private static ObjectNode line(
      String type, long total, long active, long size, long reclaimable, boolean percent) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("Active", Long.toString(active));
    String r = Sizes.human(reclaimable, 4);
    o.put("Reclaimable", percent && size > 0 ? r + " (" + reclaimable * 100 / size + "%)" : r);
    o.put("Size", Sizes.human(size, 4));
    o.put("TotalCount", Long.toString(total));
    o.put("Type", type);
    return o;
  }

  private static List<ObjectNode> images(DiskUsage du, Instant now, boolean trunc) {
    List<ObjectNode> out = new ArrayList<>();
    for (DiskUsage.ImageUsage i : du.images()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("Containers", Integer.toString(i.containers()));
      o.put("CreatedAt", i.created().map(ImagesCommand::goTime).orElse("N/A"));
      o.put("CreatedSince", i.created().map(c -> ImagesCommand.ago(c, now)).orElse("N/A"));
      o.put("Digest", "<none>");
      o.put("ID", trunc ? HistoryCommand.truncateId(i.id()) : i.id());
      o.put("Repository", i.repository().orElse("<none>"));
      o.put("SharedSize", Sizes.human(i.sharedSize()));
      o.put("Size", Sizes.human(i.size()));
      o.put("Tag", i.tag().orElse("<none>"));
      o.put("UniqueSize", Sizes.human(i.size() - i.sharedSize()));
      o.put("VirtualSize", Sizes.human(i.size(), 4));
      out.add(o);
    }
    return out;
  }

  private static List<ObjectNode> containers(DiskUsage du, Instant now, boolean trunc) {
    List<ObjectNode> out = new ArrayList<>();
    for (DiskUsage.ContainerUsage c : du.containers()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      String command = trunc ? HistoryCommand.ellipsis(c.command(), 20) : c.command();
      o.put("Command", "\"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
      o.put("CreatedAt", ImagesCommand.goTime(c.created()));
      o.put("ID", trunc ? HistoryCommand.truncateId(c.id()) : c.id());
      o.put("Image", c.image());
      o.put("LocalVolumes", Integer.toString(c.localVolumes()));
      o.put("Names", c.name());
      o.put("RunningFor", ImagesCommand.ago(c.created(), now));
      o.put("Size", Sizes.human(c.size()));
      o.put("State", c.running() ? "running" : "exited");
      o.put("Status", c.status());
      out.add(o);
    }
    return out;
  }

  private static List<ObjectNode> volumes(DiskUsage du) {
    List<ObjectNode> out = new ArrayList<>();
    for (DiskUsage.VolumeUsage v : du.volumes()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("Links", Integer.toString(v.links()));
      o.put("Name", v.name());
      o.put("Size", Sizes.human(v.size(), 4));
      out.add(o);
    }
    return out;
  }

  private static List<ObjectNode> cache(DiskUsage du, Instant now, boolean trunc) {
    List<ObjectNode> out = new ArrayList<>();
    for (DiskUsage.CacheUsage c : du.buildCache()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("CacheType", c.type());
      o.put("CreatedSince", ImagesCommand.ago(c.lastWritten(), now));
      o.put("Description", c.description());
      o.put("ID", trunc ? HistoryCommand.truncateId(c.id()) : c.id());
      o.put("InUse", "false");
      o.put("LastUsedSince", ImagesCommand.ago(c.lastWritten(), now));
      o.put("Shared", Boolean.toString(c.shared()));
      o.put("Size", Sizes.human(c.size()));
      // berth does not count uses: the build that wrote an entry is its one known use.
      o.put("UsageCount", "1");
      out.add(o);
    }
    return out;
  }

  private static ObjectNode headers(String... fieldsAndHeaders) {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < fieldsAndHeaders.length; i += 2) {
      h.put(fieldsAndHeaders[i], fieldsAndHeaders[i + 1]);
    }
    return h;
  }
}
