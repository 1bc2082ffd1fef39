package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code devcontainer.metadata} image label: an array of metadata entries (or, as older images
 * have it, a single entry object), serialised as JSON.
 */
public final class MetadataLabel {

  /** The label's name. */
  public static final String NAME = "devcontainer.metadata";

  /** The entries a label holds, and what was wrong with it. */
  public record Parsed(List<ObjectNode> entries, List<Diagnostic> warnings) {
    public Parsed {
      entries = List.copyOf(entries);
      warnings = List.copyOf(warnings);
    }
  }

  private MetadataLabel() {}

  /**
   * Reads a label value. A value that is not JSON, or not an array or object, gives no entries and
   * a warning, as the reference CLI goes on without the image's metadata.
   *
   * @param origin what to call the label in warnings, such as the image's name
   */
  public static Parsed parse(String value, String origin) {
    SourceRange where = SourceRange.file(origin + " label " + NAME);
    JsonNode v;
    try {
      v = JsoncDocument.parse(origin, value).root();
    } catch (BerthException e) {
      return new Parsed(
          List.of(),
          List.of(
              Diagnostic.warning(
                  "bad-metadata-label",
                  "the image metadata is not valid JSON and is ignored: " + e.first().message(),
                  where)));
    }
    List<ObjectNode> entries = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    if (v.isObject()) {
      entries.add((ObjectNode) v);
    } else if (v.isArray()) {
      for (JsonNode e : v) {
        if (e.isObject()) {
          entries.add((ObjectNode) e);
        } else {
          warnings.add(
              Diagnostic.warning(
                  "bad-metadata-label",
                  "an image metadata entry that is not an object is ignored: " + Json.stringify(e),
                  where));
        }
      }
    } else {
      warnings.add(
          Diagnostic.warning(
              "bad-metadata-label",
              "the image metadata is neither an array nor an object and is ignored",
              where));
    }
    return new Parsed(entries, warnings);
  }

  /** The label value for an image berth builds: the chain's entries as written, as an array. */
  public static String value(List<ObjectNode> entries) {
    ArrayNode a = Json.array();
    entries.forEach(a::add);
    return Json.stringify(a);
  }
}
