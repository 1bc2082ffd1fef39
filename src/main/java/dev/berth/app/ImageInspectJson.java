package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * An image's inspect object in the shape {@code docker image inspect} prints (Id, RepoTags,
 * Comment, Created, Config with docker's container-config fields, Architecture, Os, Size, RootFS),
 * so {@code --format '{{.Config.Env}}'} means what it means to docker; berth's own fields follow:
 * the manifest digest, the manifest, and the OCI config exactly as stored ({@code ImageConfig}).
 */
final class ImageInspectJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ImageInspectJson() {}

  static ObjectNode of(
      String id,
      List<String> repoTags,
      long size,
      String manifestDigest,
      JsonNode manifest,
      JsonNode config) {
    ObjectNode o = F.objectNode();
    o.put("Id", id);
    ArrayNode tags = o.putArray("RepoTags");
    repoTags.forEach(tags::add);
    o.putArray("RepoDigests");
    o.put("Parent", "");
    o.put("Comment", comment(config));
    o.put("Created", goTime(config.path("created").asText("")));
    o.put("DockerVersion", config.path("docker_version").asText(""));
    o.put("Author", config.path("author").asText(""));
    o.set("Config", dockerConfig(config.path("config")));
    o.put("Architecture", config.path("architecture").asText(""));
    if (config.hasNonNull("variant")) {
      o.put("Variant", config.get("variant").asText());
    }
    o.put("Os", config.path("os").asText(""));
    if (config.hasNonNull("os.version")) {
      o.put("OsVersion", config.get("os.version").asText());
    }
    o.put("Size", size);
    ObjectNode rootfs = o.putObject("RootFS");
    rootfs.put("Type", config.path("rootfs").path("type").asText("layers"));
    ArrayNode layers = rootfs.putArray("Layers");
    config.path("rootfs").path("diff_ids").forEach(layers::add);
    o.put("ManifestDigest", manifestDigest);
    o.set("Manifest", manifest);
    o.set("ImageConfig", config);
    return o;
  }

  /** docker's Comment: the config's, else the last history entry's. */
  private static String comment(JsonNode config) {
    String own = config.path("comment").asText("");
    JsonNode history = config.path("history");
    if (own.isEmpty() && history.isArray() && history.size() > 0) {
      return history.get(history.size() - 1).path("comment").asText("");
    }
    return own;
  }

  /**
   * The container config in docker's field order, with docker's defaults for what the OCI config
   * leaves out ({@code null} for lists and maps, empty strings, {@code false}).
   */
  static ObjectNode dockerConfig(JsonNode c) {
    ObjectNode o = F.objectNode();
    o.put("Hostname", c.path("Hostname").asText(""));
    o.put("Domainname", c.path("Domainname").asText(""));
    o.put("User", c.path("User").asText(""));
    o.put("AttachStdin", false);
    o.put("AttachStdout", false);
    o.put("AttachStderr", false);
    copyIfPresent(c, o, "ExposedPorts");
    o.put("Tty", false);
    o.put("OpenStdin", false);
    o.put("StdinOnce", false);
    o.set("Env", orNull(c, "Env"));
    o.set("Cmd", orNull(c, "Cmd"));
    copyIfPresent(c, o, "Healthcheck");
    copyIfPresent(c, o, "ArgsEscaped");
    o.put("Image", c.path("Image").asText(""));
    o.set("Volumes", orNull(c, "Volumes"));
    o.put("WorkingDir", c.path("WorkingDir").asText(""));
    o.set("Entrypoint", orNull(c, "Entrypoint"));
    o.set("OnBuild", orNull(c, "OnBuild"));
    o.set("Labels", orNull(c, "Labels"));
    copyIfPresent(c, o, "StopSignal");
    copyIfPresent(c, o, "StopTimeout");
    copyIfPresent(c, o, "Shell");
    return o;
  }

  private static JsonNode orNull(JsonNode c, String field) {
    JsonNode v = c.get(field);
    return v == null ? F.nullNode() : v;
  }

  private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(field, v);
    }
  }

  /** A timestamp as Go's RFC3339Nano prints it: no trailing zeros in the fraction. */
  static String goTime(String created) {
    if (created.isEmpty()) {
      return "0001-01-01T00:00:00Z";
    }
    try {
      Instant t = Instant.parse(created);
      String base = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      if (t.getNano() == 0) {
        return base;
      }
      String fraction = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
      return base.substring(0, base.length() - 1) + "." + fraction + "Z";
    } catch (DateTimeParseException e) {
      // A time with an offset or an odd spelling: shown as the image has it.
      return created;
    }
  }
}
