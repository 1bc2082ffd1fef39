package dev.berth.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.HistoryEntry;
import dev.berth.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth history IMAGE} (also {@code berth image history}): how an image was made. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Shows an image's history, newest step first: the step's image, when it was made, the"
            + " instruction that made it, the size of its layer and its comment.",
    footer = {
      "",
      "SIZE is the layer's size unpacked (its files and link targets), as docker",
      "counts it. Only the top line has an image ID: berth keeps no parent images,",
      "so the others show <missing>, as docker does for a pulled or loaded image.",
      "",
      "--format fields (as docker's): .ID .CreatedSince .CreatedAt .CreatedBy",
      ".Size .Comment",
      "",
      "Examples:",
      "  berth history app:1",
      "  berth history --no-trunc app:1",
      "  berth history --human=false app:1     # RFC 3339 times, sizes in bytes",
      "  berth history -q app:1",
      "  berth history --format json app:1",
      "  berth history --format '{{.Size}}\\t{{.CreatedBy}}' app:1"
    })
final class HistoryCommand implements Callable<Integer> {

  private static final String HUMAN_TABLE =
      "{{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  private static final String PLAIN_TABLE =
      "{{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  private static final String STRUCT = "*image.historyContext";
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
  // docker shows no relative time for steps dated before 2000 (zero or clamped times).
  private static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: a name or an ID.")
  String image;

  @Option(
      names = {"-H", "--human"},
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Sizes and dates in human-readable form (default: true; --human=false).")
  boolean human;

  @Option(names = "--no-trunc", description = "Do not shorten IDs and CREATED BY.")
  boolean noTrunc;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only show image IDs.")
  boolean quiet;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "json (one object per line), table, 'table TEMPLATE' (with a header row), or a Go"
              + " template printed per line.")
  String format;

  @Override
  public Integer call() throws Exception {
    List<HistoryEntry> entries = store.berth().images().history(image);
    String f = format == null ? "" : format.strip();
    boolean byDefault = f.isEmpty() || f.equals("table");
    if (byDefault && quiet) {
      f = "{{.ID}}";
    }
    OutputFormat.Columns columns =
        new OutputFormat.Columns(STRUCT, headers(), human ? HUMAN_TABLE : PLAIN_TABLE);
    OutputFormat output = OutputFormat.ofList(f, columns);
    Instant now = Instant.now();
    List<ObjectNode> rows = new ArrayList<>();
    for (HistoryEntry e : entries) {
      rows.add(row(e, now));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.renderList(rows, columns));
    out.flush();
    return ExitCodes.OK;
  }

  /** A line as docker's history context shows it, its fields in docker's JSON order (sorted). */
  ObjectNode row(HistoryEntry e, Instant now) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    Instant created = e.created().orElse(Instant.EPOCH).truncatedTo(ChronoUnit.SECONDS);
    String createdAt = RFC3339.format(created.atZone(ZoneId.systemDefault()));
    o.put("Comment", e.comment());
    o.put("CreatedAt", createdAt);
    String createdBy = e.createdBy().replace("\t", " ");
    o.put("CreatedBy", noTrunc ? createdBy : ellipsis(createdBy, 45));
    String since;
    if (!human) {
      since = createdAt;
    } else if (!created.isAfter(EPOCH)) {
      since = "";
    } else {
      since = ImagesCommand.ago(created, now);
    }
    o.put("CreatedSince", since);
    o.put("ID", noTrunc ? e.id() : truncateId(e.id()));
    o.put("Size", human ? Sizes.human(e.size()) : Long.toString(e.size()));
    return o;
  }

  private static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("Comment", "COMMENT");
    h.put("CreatedAt", "CREATED AT");
    h.put("CreatedBy", "CREATED BY");
    h.put("CreatedSince", "CREATED");
    h.put("ID", "IMAGE");
    h.put("Size", "SIZE");
    return h;
  }

  /** docker's TruncateID: without the algorithm, at most 12 characters. */
  static String truncateId(String id) {
    String hex = id.substring(id.indexOf(':') + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** At most {@code width} characters, the last one an ellipsis when something was cut. */
  static String ellipsis(String s, int width) {
    if (s.codePointCount(0, s.length()) <= width) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
  }
}
