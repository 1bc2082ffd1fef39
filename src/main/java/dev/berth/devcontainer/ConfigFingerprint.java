package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a dev container was made from, as digests of its parts: each property of the resolved
 * devcontainer.json, the workspace folder and mount, and the files the caller names (the
 * Dockerfile, the build context, each Feature). Kept on the container as a label, it lets {@code
 * dev up} say what changed since (devcontainers/cli#651: the reference CLI reuses the old container
 * silently).
 */
public final class ConfigFingerprint {

  /** How much a change calls for. */
  public enum Impact {
    /** Applies without recreating anything (remoteEnv, postAttachCommand, names, UI settings). */
    NONE,
    /** The container must be made again from the same image. */
    CONTAINER,
    /** The image must be built again, and the container made from it. */
    IMAGE
  }

  /** One difference, in words: {@code devcontainer.json: postCreateCommand changed}. */
  public record Change(String description, Impact impact) {
    public Change {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(impact, "impact");
    }
  }

  private static final String CONFIG = "devcontainer.json";
  private static final String FILE = "file";
  private static final String WORKSPACE = "workspace";

  private static final Set<String> IMAGE_PROPERTIES =
      Set.of(
          "image",
          "build",
          "dockerFile",
          "context",
          "features",
          "overrideFeatureInstallOrder",
          "updateRemoteUserUID",
          "remoteUser",
          "containerUser",
          "customizations.berth");
  private static final Set<String> NONE_PROPERTIES =
      Set.of(
          "$schema",
          "name",
          "remoteEnv",
          "postAttachCommand",
          "userEnvProbe",
          "portsAttributes",
          "otherPortsAttributes",
          "waitFor",
          "shutdownAction",
          "hostRequirements",
          "initializeCommand",
          "secrets");

  /** Part names ({@code devcontainer.json:build}, {@code file:Dockerfile}) to short digests. */
  private final Map<String, String> parts;

  private ConfigFingerprint(Map<String, String> parts) {
    this.parts = Collections.unmodifiableMap(new TreeMap<>(parts));
  }

  /**
   * The fingerprint of a configuration and its inputs.
   *
   * @param files names (as the change descriptions should say them, such as {@code Dockerfile} or
   *     {@code Feature ./my-feature}) to their contents' digests, computed by the caller
   */
  public static ConfigFingerprint of(LoadedConfig config, Map<String, String> files) {
    Map<String, String> parts = new TreeMap<>();
    ObjectNode json = config.json();
    json.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().equals("customizations") && e.getValue().isObject()) {
                e.getValue()
                    .fields()
                    .forEachRemaining(
                        c ->
                            parts.put(
                                CONFIG + ":customizations." + c.getKey(), digest(c.getValue())));
              } else if (ConfigParser.KNOWN.contains(e.getKey())) {
                parts.put(CONFIG + ":" + e.getKey(), digest(e.getValue()));
              }
            });
    Workspace w = config.config().workspace();
    parts.put(WORKSPACE + ":folder", digest(w.containerFolder()));
    parts.put(WORKSPACE + ":mount", digest(w.mountText().orElse("")));
    files.forEach((name, d) -> parts.put(FILE + ":" + name, digest(d)));
    return new ConfigFingerprint(parts);
  }

  /** Reads a fingerprint written by {@link #toLabel}. */
  public static ConfigFingerprint fromLabel(String label) {
    JsonNode v = Json.parse(label);
    Map<String, String> parts = new TreeMap<>();
    v.path("parts").fields().forEachRemaining(e -> parts.put(e.getKey(), e.getValue().asText()));
    return new ConfigFingerprint(parts);
  }

  /** The value of the label a container (or image) carries. */
  public String toLabel() {
    ObjectNode o = Json.object();
    o.put("v", 1);
    ObjectNode p = Json.object();
    parts.forEach(p::put);
    o.set("parts", p);
    return Json.stringify(o);
  }

  /** A digest of everything that makes the image; equal when no image input changed. */
  public String imageHash() {
    return hashOf(Impact.IMAGE);
  }

  /** A digest of everything that makes the container, the image's inputs included. */
  public String containerHash() {
    return hashOf(Impact.CONTAINER);
  }

  private String hashOf(Impact atLeast) {
    StringBuilder text = new StringBuilder();
    parts.forEach(
        (k, v) -> {
          if (impact(k).compareTo(atLeast) >= 0) {
            text.append(k).append('=').append(v).append('\n');
          }
        });
    return sha256(text.toString());
  }

  /** What differs from an earlier fingerprint, in the order of the part names. */
  public List<Change> changesSince(ConfigFingerprint old) {
    Set<String> names = new TreeSet<>(parts.keySet());
    names.addAll(old.parts.keySet());
    List<Change> changes = new ArrayList<>();
    for (String name : names) {
      String before = old.parts.get(name);
      String now = parts.get(name);
      if (Objects.equals(before, now)) {
        continue;
      }
      String what = before == null ? "added" : now == null ? "removed" : "changed";
      changes.add(new Change(describe(name) + " " + what, impact(name)));
    }
    return changes;
  }

  /** The largest impact of the changes; {@link Impact#NONE} for none. */
  public static Impact impactOf(List<Change> changes) {
    return changes.stream().map(Change::impact).max(Impact::compareTo).orElse(Impact.NONE);
  }

  private static String describe(String part) {
    int colon = part.indexOf(':');
    String kind = part.substring(0, colon);
    String name = part.substring(colon + 1);
    return switch (kind) {
      case CONFIG -> CONFIG + ": " + name;
      case WORKSPACE -> "the workspace " + name;
      default -> name;
    };
  }

  private static Impact impact(String part) {
    int colon = part.indexOf(':');
    String kind = part.substring(0, colon);
    String name = part.substring(colon + 1);
    if (kind.equals(FILE)) {
      return Impact.IMAGE;
    }
    if (kind.equals(WORKSPACE)) {
      return Impact.CONTAINER;
    }
    if (IMAGE_PROPERTIES.contains(name)) {
      return Impact.IMAGE;
    }
    if (NONE_PROPERTIES.contains(name) || name.startsWith("customizations.")) {
      return Impact.NONE;
    }
    return Impact.CONTAINER;
  }

  private static String digest(JsonNode v) {
    return sha256(Json.canonical(v)).substring(0, 16);
  }

  private static String digest(String s) {
    return sha256(s).substring(0, 16);
  }

  /**
   * The digests of the Features' contents, for {@link #of}: each local Feature's files (names and
   * bytes), each OCI Feature's manifest digest, under {@code Feature <id>}.
   */
  public static Map<String, String> featureDigests(FeatureSet features) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (ResolvedFeature f : features.features()) {
      String name = "Feature " + f.userFeatureId();
      if (f.reference() instanceof FeatureReference.Oci && f.manifestDigest().isPresent()) {
        out.put(name, f.manifestDigest().get());
        continue;
      }
      MessageDigest md = sha256();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(f.directory())) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        md.update(f.directory().relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(file));
        md.update((byte) 0);
      }
      out.put(name, HexFormat.of().formatHex(md.digest()));
    }
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The hex SHA-256 of bytes, for callers digesting file contents. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
