package dev.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.Digest;
import dev.berth.layer.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image saved in docker's archive format, as the differential suite compares it: the runtime
 * part of its config, normalised (empty values dropped), and its layers applied in order into one
 * tree of lines {@code /path type mode uid:gid ...}, without times.
 */
record FlatImage(Map<String, JsonNode> config, Map<String, String> tree, int layers) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The config fields a build sets; the rest (ids, times, history) differ by construction. */
  static final List<String> CONFIG_FIELDS =
      List.of(
          "User",
          "ExposedPorts",
          "Env",
          "Entrypoint",
          "Cmd",
          "Volumes",
          "WorkingDir",
          "Labels",
          "StopSignal",
          "Healthcheck",
          "OnBuild",
          "Shell");

  /** A file of the tree before it is printed. */
  private record Node(
      String type, int mode, long uid, long gid, long size, String link, String content) {}

  static FlatImage read(Path archive) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile()) {
          files.put(strip(e.getName()), tar.readAllBytes());
        }
      }
    }
    JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
    JsonNode config = JSON.readTree(files.get(strip(manifest.get("Config").asText())));
    Map<String, Node> tree = new TreeMap<>();
    Map<String, String> hardLinks = new HashMap<>();
    for (JsonNode layer : manifest.get("Layers")) {
      byte[] blob = files.get(strip(layer.asText()));
      apply(Compression.decompressed(new ByteArrayInputStream(blob)), tree, hardLinks);
    }
    return new FlatImage(
        configOf(config.path("config")), lines(tree, hardLinks), manifest.get("Layers").size());
  }

  private static Map<String, JsonNode> configOf(JsonNode c) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String f : CONFIG_FIELDS) {
      JsonNode v = c.get(f);
      if (v == null
          || v.isNull()
          || (v.isContainerNode() && v.isEmpty())
          || (v.isTextual() && v.asText().isEmpty())) {
        continue;
      }
      if (f.equals("Healthcheck") && v instanceof ObjectNode o) {
        // Unset durations and retries mean the defaults, whether written as 0 or left out.
        ObjectNode copy = o.deepCopy();
        for (String n : List.of("Interval", "Timeout", "StartPeriod", "StartInterval", "Retries")) {
          if (copy.path(n).asLong(0) == 0) {
            copy.remove(n);
          }
        }
        v = copy;
      }
      out.put(f, v);
    }
    return out;
  }

  private static void apply(InputStream layer, Map<String, Node> tree, Map<String, String> links)
      throws IOException {
    List<String> deletions = new ArrayList<>();
    Map<String, Node> added = new LinkedHashMap<>();
    Map<String, String> addedLinks = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(layer)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String path = "/" + strip(e.getName());
        if (path.equals("/")) {
          continue;
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.substring(0, path.lastIndexOf('/'));
        if (base.equals(".wh..wh..opq")) {
          deletions.add(dir + "/");
          continue;
        }
        if (base.startsWith(".wh.")) {
          deletions.add(dir + "/" + base.substring(4));
          continue;
        }
        int mode = e.getMode() & 07777;
        if (e.isSymbolicLink()) {
          added.put(
              path,
              new Node(
                  "symlink", 0777, e.getLongUserId(), e.getLongGroupId(), 0, e.getLinkName(), ""));
        } else if (e.isLink()) {
          addedLinks.put(path, "/" + strip(e.getLinkName()));
        } else if (e.isDirectory()) {
          added.put(path, new Node("dir", mode, e.getLongUserId(), e.getLongGroupId(), 0, "", ""));
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
          String type =
              e.isFIFO()
                  ? "fifo"
                  : (e.isCharacterDevice() ? "char" : "block")
                      + e.getDevMajor()
                      + ","
                      + e.getDevMinor();
          added.put(path, new Node(type, mode, e.getLongUserId(), e.getLongGroupId(), 0, "", ""));
        } else {
          byte[] body = tar.readAllBytes();
          added.put(
              path,
              new Node(
                  "file",
                  mode,
                  e.getLongUserId(),
                  e.getLongGroupId(),
                  body.length,
                  "",
                  content(body)));
        }
      }
    }
    for (String d : deletions) {
      if (d.endsWith("/")) {
        tree.keySet().removeIf(p -> p.startsWith(d));
        links.keySet().removeIf(p -> p.startsWith(d));
      } else {
        tree.keySet().removeIf(p -> p.equals(d) || p.startsWith(d + "/"));
        links.keySet().removeIf(p -> p.equals(d) || p.startsWith(d + "/"));
      }
    }
    for (Map.Entry<String, Node> a : added.entrySet()) {
      Node old = tree.get(a.getKey());
      if (old != null && old.type().equals("dir") && !a.getValue().type().equals("dir")) {
        String prefix = a.getKey() + "/";
        tree.keySet().removeIf(p -> p.startsWith(prefix));
      }
      tree.put(a.getKey(), a.getValue());
      links.remove(a.getKey());
    }
    for (Map.Entry<String, String> l : addedLinks.entrySet()) {
      Node target = tree.get(l.getValue());
      if (target != null) {
        tree.put(l.getKey(), target);
        links.put(l.getKey(), l.getValue());
      }
    }
  }

  /** Short printable text as itself, anything else as its digest. */
  private static String content(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    boolean printable =
        body.length <= 64 && text.chars().allMatch(c -> c == '\n' || (c >= 32 && c < 127));
    if (printable) {
      return "text=" + JSON.valueToTree(text);
    }
    MessageDigest md = Digest.newSha256();
    return "sha256=" + Digest.fromSha256(md.digest(body)).hex().substring(0, 16);
  }

  private static Map<String, String> lines(Map<String, Node> tree, Map<String, String> links) {
    // Names that share an inode, whichever of them the layer wrote first.
    Map<String, TreeSet<String>> groups = new HashMap<>();
    for (Map.Entry<String, String> l : links.entrySet()) {
      TreeSet<String> g = groups.computeIfAbsent(l.getValue(), k -> new TreeSet<>());
      g.add(l.getKey());
      g.add(l.getValue());
      groups.put(l.getKey(), g);
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Node> e : tree.entrySet()) {
      Node n = e.getValue();
      StringBuilder line = new StringBuilder(e.getKey()).append(' ').append(n.type());
      if (!n.type().equals("symlink")) {
        line.append(' ').append(String.format("%04o", n.mode()));
      }
      line.append(' ').append(n.uid()).append(':').append(n.gid());
      if (n.type().equals("symlink")) {
        line.append(" -> ").append(n.link());
      }
      if (n.type().equals("file")) {
        line.append(" size=").append(n.size()).append(' ').append(n.content());
      }
      TreeSet<String> g = groups.get(e.getKey());
      if (g != null) {
        line.append(" links=").append(String.join(",", g));
      }
      out.put(e.getKey(), line.toString());
    }
    return out;
  }

  private static String strip(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }
}
