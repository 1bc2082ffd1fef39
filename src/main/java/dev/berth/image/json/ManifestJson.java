package dev.berth.image.json;

import dev.berth.image.Descriptor;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import java.util.List;
import java.util.Optional;

/**
 * Translates {@link Manifest}, {@link Index} and their {@link Descriptor}s to and from JSON, in the
 * key order of the OCI spec's Go types: {@code schemaVersion, mediaType, artifactType, config,
 * layers | manifests, subject, annotations}; descriptors {@code mediaType, digest, size,
 * annotations, platform}.
 */
final class ManifestJson {
  static final String MANIFEST = "image manifest";
  static final String INDEX = "image index";

  private ManifestJson() {}

  static JsonOut writeManifest(Manifest m) {
    JsonOut out = new JsonOut().requiredNumber("schemaVersion", m.schemaVersion());
    out.requiredString("mediaType", m.mediaType());
    m.artifactType().ifPresent(t -> out.requiredString("artifactType", t));
    out.object("config", writeDescriptor(m.config()));
    // "layers" is written even when empty: the spec requires the field (an artifact may have none).
    out.requiredObjects("layers", descriptors(m.layers()));
    m.subject().ifPresent(s -> out.object("subject", writeDescriptor(s)));
    return out.stringMap("annotations", m.annotations());
  }

  static JsonOut writeIndex(Index index) {
    JsonOut out = new JsonOut().requiredNumber("schemaVersion", index.schemaVersion());
    out.requiredString("mediaType", index.mediaType());
    index.artifactType().ifPresent(t -> out.requiredString("artifactType", t));
    out.requiredObjects("manifests", descriptors(index.manifests()));
    index.subject().ifPresent(s -> out.object("subject", writeDescriptor(s)));
    return out.stringMap("annotations", index.annotations());
  }

  private static List<JsonOut> descriptors(List<Descriptor> list) {
    return list.stream().map(ManifestJson::writeDescriptor).toList();
  }

  static JsonOut writeDescriptor(Descriptor d) {
    JsonOut out =
        new JsonOut()
            .requiredString("mediaType", d.mediaType())
            .requiredString("digest", d.digest().toString())
            .requiredNumber("size", d.size())
            .stringMap("annotations", d.annotations());
    d.platform().ifPresent(p -> out.object("platform", writePlatform(p)));
    return out;
  }

  private static JsonOut writePlatform(Platform p) {
    return new JsonOut()
        .requiredString("architecture", p.architecture())
        .requiredString("os", p.os())
        .string("os.version", p.osVersion())
        .strings("os.features", p.osFeatures())
        .string("variant", p.variant());
  }

  static Manifest readManifest(JsonIn in) {
    checkSchemaVersion(in);
    String mediaType = in.string("mediaType");
    if (mediaType.isEmpty()) {
      // mediaType became a SHOULD only in OCI 1.0.2; older OCI manifests lack it.
      if (in.has("manifests")) {
        throw in.error("mediaType", "missing, and the document has 'manifests': it is an index");
      }
      mediaType = MediaType.OCI_MANIFEST;
    } else if (!MediaType.isManifest(mediaType)) {
      throw in.error(
          "mediaType",
          "expected "
              + MediaType.OCI_MANIFEST
              + " or "
              + MediaType.DOCKER_MANIFEST
              + ", got "
              + mediaType);
    }
    Descriptor config = readDescriptor(in.requiredObject("config"));
    List<Descriptor> layers =
        in.objects("layers").stream().map(ManifestJson::readDescriptor).toList();
    return new Manifest(
        2,
        mediaType,
        in.optionalString("artifactType"),
        config,
        layers,
        in.object("subject").map(ManifestJson::readDescriptor),
        in.stringMap("annotations"));
  }

  static Index readIndex(JsonIn in) {
    checkSchemaVersion(in);
    String mediaType = in.string("mediaType");
    if (mediaType.isEmpty()) {
      if (in.has("config") || in.has("layers")) {
        throw in.error("mediaType", "missing, and the document has 'config': it is a manifest");
      }
      mediaType = MediaType.OCI_INDEX;
    } else if (!MediaType.isIndex(mediaType)) {
      throw in.error(
          "mediaType",
          "expected "
              + MediaType.OCI_INDEX
              + " or "
              + MediaType.DOCKER_MANIFEST_LIST
              + ", got "
              + mediaType);
    }
    List<Descriptor> manifests =
        in.objects("manifests").stream().map(ManifestJson::readDescriptor).toList();
    return new Index(
        2,
        mediaType,
        in.optionalString("artifactType"),
        manifests,
        in.object("subject").map(ManifestJson::readDescriptor),
        in.stringMap("annotations"));
  }

  private static void checkSchemaVersion(JsonIn in) {
    if (!in.has("schemaVersion")) {
      throw in.error("schemaVersion", "missing");
    }
    long version = in.longValue("schemaVersion");
    if (version == 1) {
      throw in.error("schemaVersion", "Docker schema 1 manifests are not supported");
    }
    if (version != 2) {
      throw in.error("schemaVersion", "expected 2, got " + version);
    }
  }

  /** Reads a descriptor; {@code urls}, {@code data} and {@code artifactType} are ignored. */
  static Descriptor readDescriptor(JsonIn in) {
    String mediaType = in.requiredString("mediaType");
    long size = in.requiredLong("size");
    if (size < 0) {
      throw in.error("size", "must not be negative, got " + size);
    }
    Optional<Platform> platform =
        in.object("platform")
            .map(
                p ->
                    new Platform(
                        p.requiredString("architecture"),
                        p.requiredString("os"),
                        p.string("variant"),
                        p.string("os.version"),
                        p.strings("os.features")));
    return new Descriptor(
        mediaType, in.digest("digest"), size, in.stringMap("annotations"), platform);
  }
}
