package dev.berth.image.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageConfig;
import dev.berth.image.ImageFormatException;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes image configs, manifests and indexes as JSON.
 *
 * <p>Writing is canonical: a fixed key order, no whitespace, empty optional fields left out, map
 * keys sorted, times in UTC; the same value always gives the same bytes, and so the same digest.
 * Reading is lenient the way Go's encoding/json is (unknown fields ignored, {@code null} as empty,
 * Docker media types accepted) but strict about what would make a document ambiguous: duplicate
 * keys and trailing content are rejected. Every error is an {@link ImageFormatException} naming the
 * document and the field.
 *
 * <p>Re-writing a document that was read drops the fields berth does not model; keep the bytes of
 * documents berth did not create, and write only the ones it creates.
 */
public final class ImageJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ImageJson() {}

  public static byte[] writeConfig(ImageConfig config) {
    return bytes(ConfigJson.write(config));
  }

  public static ImageConfig readConfig(byte[] json) {
    return ConfigJson.read(JsonIn.root(tree(json, ConfigJson.DOC), ConfigJson.DOC));
  }

  public static byte[] writeManifest(Manifest manifest) {
    return bytes(ManifestJson.writeManifest(manifest));
  }

  /** Reads an OCI image manifest or a Docker schema-2 manifest. */
  public static Manifest readManifest(byte[] json) {
    return ManifestJson.readManifest(
        JsonIn.root(tree(json, ManifestJson.MANIFEST), ManifestJson.MANIFEST));
  }

  public static byte[] writeIndex(Index index) {
    return bytes(ManifestJson.writeIndex(index));
  }

  /** Reads an OCI image index or a Docker manifest list. */
  public static Index readIndex(byte[] json) {
    return ManifestJson.readIndex(JsonIn.root(tree(json, ManifestJson.INDEX), ManifestJson.INDEX));
  }

  /** A descriptor on its own, as OCI JSON, for indexes of berth's own that hold descriptors. */
  public static byte[] writeDescriptor(Descriptor d) {
    return bytes(ManifestJson.writeDescriptor(d));
  }

  /**
   * Reads a descriptor from a JSON tree.
   *
   * @throws ImageFormatException naming the missing or malformed field
   */
  public static Descriptor readDescriptor(JsonNode node) {
    return ManifestJson.readDescriptor(JsonIn.root(node, "descriptor"));
  }

  /** A descriptor of bytes just written: their SHA-256 digest and length. */
  public static Descriptor descriptor(String mediaType, byte[] bytes) {
    return new Descriptor(mediaType, Digest.sha256(bytes), bytes.length);
  }

  /**
   * The media type of a manifest or index, from its {@code mediaType} field or, where that is
   * missing (older OCI documents), from its shape: {@code manifests} makes an index, {@code config}
   * a manifest.
   */
  public static String mediaTypeOf(byte[] json) {
    String doc = "image manifest or index";
    JsonIn in = JsonIn.root(tree(json, doc), doc);
    String type = in.string("mediaType");
    if (!type.isEmpty()) {
      return type;
    }
    if (in.has("manifests")) {
      return MediaType.OCI_INDEX;
    }
    if (in.has("config")) {
      return MediaType.OCI_MANIFEST;
    }
    throw in.error("mediaType", "missing, and the document has neither 'manifests' nor 'config'");
  }

  private static JsonNode tree(byte[] json, String doc) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ImageFormatException(
          "invalid " + doc + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from memory", e);
    }
  }

  private static byte[] bytes(JsonOut out) {
    try {
      return MAPPER.writeValueAsBytes(out.node());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
