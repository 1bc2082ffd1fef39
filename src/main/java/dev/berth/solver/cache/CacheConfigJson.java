package dev.berth.solver.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cache config's JSON (schema in docs/CACHE.md): {@code schemaVersion} 1 and one object per
 * record, sorted by key, so the same records always give the same bytes and digest.
 */
public final class CacheConfigJson {

  /** The only version berth reads and writes; a reader refuses any other. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private CacheConfigJson() {}

  public static byte[] write(List<CacheEntry> entries) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", VERSION);
    root.put("mediaType", CacheMediaTypes.CONFIG);
    ArrayNode records = root.putArray("records");
    List<CacheEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(CacheEntry::key));
    for (CacheEntry e : sorted) {
      ObjectNode r = records.addObject();
      r.put("key", e.key().toString());
      r.put("parent", e.parent().toString());
      r.put("createdBy", e.createdBy());
      r.put("created", e.created().toString());
      if (e.layer().isPresent()) {
        try {
          r.set("layer", JSON.readTree(ImageJson.writeDescriptor(e.layer().get())));
        } catch (IOException impossible) {
          throw new IllegalStateException(impossible);
        }
        r.put("diffId", e.diffId().orElseThrow().toString());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Reads a cache config.
   *
   * @param where the source, for messages
   * @throws BerthException (invalid input) naming the record and field that is wrong
   */
  public static List<CacheEntry> read(byte[] bytes, String where) throws BerthException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw BerthException.invalid(where + ": the cache config is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw BerthException.invalid(where + ": the cache config is not a JSON object");
    }
    int version = root.path("schemaVersion").asInt(-1);
    if (version != VERSION) {
      throw BerthException.invalid(
          where
              + ": cache config schemaVersion "
              + root.path("schemaVersion")
              + " is not one this berth reads ("
              + VERSION
              + ")");
    }
    List<CacheEntry> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : root.path("records")) {
      String at = where + ": records[" + i++ + "]";
      try {
        Optional<Descriptor> layer =
            r.has("layer")
                ? Optional.of(ImageJson.readDescriptor(r.get("layer")))
                : Optional.empty();
        Optional<Digest> diffId =
            r.has("diffId") ? Optional.of(digest(r, "diffId")) : Optional.empty();
        out.add(
            new CacheEntry(
                digest(r, "key"),
                digest(r, "parent"),
                text(r, "createdBy"),
                Instant.parse(text(r, "created")),
                layer,
                diffId));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw BerthException.invalid(at + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static Digest digest(JsonNode r, String field) {
    return Digest.parse(text(r, field));
  }

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' is missing or not a string");
    }
    return v.asText();
  }
}
