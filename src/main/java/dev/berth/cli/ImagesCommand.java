package dev.berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.Durations;
import dev.berth.app.ImageListing;
import dev.berth.app.ImageRow;
import dev.berth.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth images}: the images in the store. */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description =
        "Lists the images in berth's store: repository, tag, image ID, when it was created, size.",
    footer = {
      "",
      "The store is $BERTH_ROOT, else /var/lib/berth for root, else ~/.local/share/berth.",
      "",
      "--format fields (as docker's): .ID .Repository .Tag .Digest .CreatedSince .CreatedAt",
      ".Size .VirtualSize .Containers .SharedSize .UniqueSize. SIZE is the compressed size of",
      "the layers in berth's store.",
      "",
      "Examples:",
      "  berth images",
      "  berth images busybox       # only this repository",
      "  berth images -q            # image IDs only",
      "  berth images --no-trunc",
      "  berth images --format json",
      "  berth images --format 'table {{.Repository}}\\t{{.Tag}}\\t{{.Size}}'",
      "  berth images --format '{{.Repository}}:{{.Tag}} {{.ID}}'"
    })
final class ImagesCommand implements Callable<Integer> {

  /** The header of each field, for {@code table} formats. */
  static final OutputFormat.Columns COLUMNS =
      new OutputFormat.Columns(
          "image", headers(), "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}");

  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z", Locale.ROOT);

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "REPOSITORY[:TAG]",
      description = "Only images of this repository (and tag).")
  String only;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only show image IDs.")
  boolean quiet;

  @Option(names = "--no-trunc", description = "Show full image IDs.")
  boolean noTrunc;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "json (one object per line), table, 'table TEMPLATE' (with a header row), or a Go"
              + " template printed per image.")
  String format;

  @Override
  public Integer call() throws Exception {
    ImageListing listing = store.berth().images().list();
    PrintWriter err = spec.commandLine().getErr();
    listing.broken().forEach(line -> err.println("berth: warning: " + line));
    err.flush();
    List<ImageRow> rows = selected(listing.rows());
    PrintWriter out = spec.commandLine().getOut();
    if (quiet) {
      rows.stream().map(r -> id(r.imageId())).distinct().forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
    OutputFormat f = OutputFormat.ofList(format, COLUMNS);
    Instant now = Instant.now();
    List<ObjectNode> objects = new ArrayList<>();
    for (ImageRow r : rows) {
      objects.add(object(r, now));
    }
    out.print(f.renderList(objects, COLUMNS));
    out.flush();
    return ExitCodes.OK;
  }

  private List<ImageRow> selected(List<ImageRow> rows) {
    if (only == null) {
      return rows;
    }
    int colon = only.lastIndexOf(':');
    boolean hasTag = colon > only.lastIndexOf('/');
    String repo = hasTag ? only.substring(0, colon) : only;
    String tag = hasTag ? only.substring(colon + 1) : null;
    return rows.stream()
        .filter(r -> r.repository().equals(repo) && (tag == null || r.tag().equals(tag)))
        .toList();
  }

  /** A row as docker's image context shows it, fields in docker's JSON order (sorted). */
  private ObjectNode object(ImageRow r, Instant now) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("Containers", "N/A");
    o.put("CreatedAt", r.created().map(ImagesCommand::goTime).orElse("N/A"));
    o.put("CreatedSince", r.created().map(c -> ago(c, now)).orElse("N/A"));
    // berth keeps no registry digests for a name: docker shows <none> for such images too.
    o.put("Digest", "<none>");
    o.put("ID", id(r.imageId()));
    o.put("Repository", r.repository());
    o.put("SharedSize", "N/A");
    o.put("Size", Sizes.human(r.size()));
    o.put("Tag", r.tag());
    o.put("UniqueSize", "N/A");
    o.put("VirtualSize", Sizes.human(r.size(), 4));
    return o;
  }

  private static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("Containers", "CONTAINERS");
    h.put("CreatedAt", "CREATED AT");
    h.put("CreatedSince", "CREATED");
    h.put("Digest", "DIGEST");
    h.put("ID", "IMAGE ID");
    h.put("Repository", "REPOSITORY");
    h.put("SharedSize", "SHARED SIZE");
    h.put("Size", "SIZE");
    h.put("Tag", "TAG");
    h.put("UniqueSize", "UNIQUE SIZE");
    h.put("VirtualSize", "SIZE");
    return h;
  }

  private String id(String imageId) {
    String hex = imageId.substring(imageId.indexOf(':') + 1);
    return noTrunc ? imageId : hex.substring(0, 12);
  }

  /** A time as Go's {@code time.Time.String} prints it in the local zone, as docker's lists do. */
  static String goTime(Instant t) {
    return GO_TIME.format(t.atZone(ZoneId.systemDefault()));
  }

  /** "3 days ago", as docker shows creation times. */
  static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    return d.isNegative() ? "in the future" : Durations.human(d) + " ago";
  }
}
