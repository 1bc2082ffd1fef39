package dev.berth.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges compose trees by the Compose Specification's rules, as docker compose implements them:
 * mappings merge key by key; sequences append; {@code command}, {@code entrypoint} and {@code
 * healthcheck.test} are replaced; list-or-mapping attributes ({@code environment}, {@code labels},
 * build {@code args}...) are merged by key whatever form each side uses; {@code depends_on}, {@code
 * networks} and {@code build} accept both their short and long forms; {@code !reset} removes a
 * value and {@code !override} replaces it. Afterwards {@link #unique} keeps one entry per key in
 * the lists where docker compose does (ports, volumes, environment...).
 */
final class Merger {

  private static final List<String> AS_SEQUENCE =
      List.of(
          "services.*.annotations",
          "services.*.build.args",
          "services.*.build.additional_contexts",
          "services.*.build.labels",
          "services.*.build.extra_hosts",
          "services.*.deploy.labels",
          "services.*.dns",
          "services.*.dns_opt",
          "services.*.dns_search",
          "services.*.env_file",
          "services.*.environment",
          "services.*.extra_hosts",
          "services.*.labels",
          "services.*.sysctls",
          "services.*.tmpfs",
          "services.*.volumes.[].volume.labels",
          "networks.*.labels",
          "volumes.*.labels");

  private static final List<String> REPLACED =
      List.of("services.*.command", "services.*.entrypoint", "services.*.healthcheck.test");

  private static final List<String> BY_KEY =
      List.of(
          "services.*.annotations",
          "services.*.build.args",
          "services.*.build.additional_contexts",
          "services.*.build.labels",
          "services.*.build.tags",
          "services.*.build.platforms",
          "services.*.cap_add",
          "services.*.cap_drop",
          "services.*.deploy.labels",
          "services.*.dns",
          "services.*.dns_opt",
          "services.*.dns_search",
          "services.*.environment",
          "services.*.labels",
          "services.*.links",
          "services.*.networks.*.aliases",
          "services.*.networks.*.link_local_ips",
          "services.*.profiles",
          "services.*.sysctls",
          "services.*.tmpfs",
          "networks.*.labels",
          "volumes.*.labels");

  private Merger() {}

  /** The model of {@code over} applied on top of {@code base}. */
  static YMap merge(YMap base, YMap over) {
    return (YMap) merge(base, over, KeyPath.ROOT);
  }

  /** A service extended by another: the extending service applied on top of its base. */
  static YMap extend(YMap base, YMap service, String name) {
    return (YMap) merge(base, service, KeyPath.of("services").key(name));
  }

  static YNode merge(YNode base, YNode over, KeyPath path) {
    if (YamlReader.OVERRIDE.equals(over.tag())) {
      return clean(over);
    }
    if (matches(path, REPLACED)) {
      return clean(over);
    }
    if (path.matches("services.*.build")) {
      return mergeIfMappings(buildMap(base), buildMap(over), path);
    }
    if (path.matches("services.*.depends_on")) {
      return mergeIfMappings(dependsOnMap(base), dependsOnMap(over), path);
    }
    if (path.matches("services.*.networks")) {
      return mergeIfMappings(networksMap(base), networksMap(over), path);
    }
    if (path.matches("services.*.logging") && base instanceof YMap b && over instanceof YMap o) {
      YNode bd = b.get("driver");
      YNode od = o.get("driver");
      boolean sameDriver =
          bd == null || od == null || ((YScalar) bd).value().equals(((YScalar) od).value());
      return sameDriver ? mergeMappings(b, o, path) : clean(o);
    }
    if (matches(path, AS_SEQUENCE)) {
      boolean hosts = path.last().equals("extra_hosts");
      List<YNode> items = new ArrayList<>(asSequence(base, hosts).items());
      YSeq overSeq = asSequence(over, hosts);
      if (over instanceof YMap om) {
        // FOO: !reset in a mapping removes FOO whatever form the base used.
        for (Map.Entry<String, YMap.Entry> e : om.entries().entrySet()) {
          if (YamlReader.RESET.equals(e.getValue().value().tag())) {
            items.removeIf(item -> e.getKey().equals(keyValueKey(item)));
          }
        }
      }
      items.addAll(overSeq.items());
      return new YSeq(items, base.range());
    }
    if (path.matches("services.*.ulimits.*")) {
      return base instanceof YMap b && over instanceof YMap o
          ? mergeMappings(b, o, path)
          : clean(over);
    }
    if (base instanceof YMap b && over instanceof YMap o) {
      return mergeMappings(b, o, path);
    }
    if (base instanceof YSeq b && over instanceof YSeq o) {
      List<YNode> items = new ArrayList<>(b.items());
      for (YNode item : o.items()) {
        if (!YamlReader.RESET.equals(item.tag())) {
          items.add(clean(item));
        }
      }
      return new YSeq(items, b.range(), null);
    }
    return clean(over);
  }

  private static YNode mergeIfMappings(YNode base, YNode over, KeyPath path) {
    return base instanceof YMap b && over instanceof YMap o
        ? mergeMappings(b, o, path)
        : clean(over);
  }

  private static YMap mergeMappings(YMap base, YMap over, KeyPath path) {
    LinkedHashMap<String, YMap.Entry> out = new LinkedHashMap<>(base.entries());
    for (Map.Entry<String, YMap.Entry> e : over.entries().entrySet()) {
      String key = e.getKey();
      YNode value = e.getValue().value();
      if (YamlReader.RESET.equals(value.tag())) {
        out.remove(key);
        continue;
      }
      YMap.Entry existing = out.get(key);
      if (existing == null || key.startsWith("x-")) {
        out.put(key, new YMap.Entry(e.getValue().key(), clean(value)));
        continue;
      }
      YNode merged = merge(existing.value(), value, path.key(key));
      out.put(key, new YMap.Entry(existing.key(), merged));
    }
    return new YMap(out, base.range(), null);
  }

  /** A tree taken as it is: compose tags dropped, {@code !reset} values removed. */
  static YNode clean(YNode node) {
    if (node instanceof YMap m) {
      LinkedHashMap<String, YMap.Entry> out = new LinkedHashMap<>();
      for (Map.Entry<String, YMap.Entry> e : m.entries().entrySet()) {
        YNode v = e.getValue().value();
        if (!YamlReader.RESET.equals(v.tag())) {
          out.put(e.getKey(), new YMap.Entry(e.getValue().key(), clean(v)));
        }
      }
      return new YMap(out, m.range(), null);
    }
    if (node instanceof YSeq s) {
      List<YNode> items = new ArrayList<>();
      for (YNode item : s.items()) {
        if (!YamlReader.RESET.equals(item.tag())) {
          items.add(clean(item));
        }
      }
      return new YSeq(items, s.range(), null);
    }
    return node.untagged();
  }

  private static YNode buildMap(YNode build) {
    if (build instanceof YScalar s) {
      return YMap.empty(s.range()).with("context", s.untagged());
    }
    return build;
  }

  private static YNode dependsOnMap(YNode deps) {
    if (!(deps instanceof YSeq seq)) {
      return deps;
    }
    YMap out = YMap.empty(seq.range());
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s) {
        YMap dep =
            YMap.empty(s.range())
                .with("condition", YScalar.string("service_started", s.range()))
                .with("required", new YScalar("true", YScalar.Kind.BOOL, s.range(), null));
        out = out.with(s.value(), dep);
      }
    }
    return out;
  }

  private static YNode networksMap(YNode networks) {
    if (!(networks instanceof YSeq seq)) {
      return networks;
    }
    YMap out = YMap.empty(seq.range());
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s) {
        out = out.with(s.value(), YScalar.nul(s.range()));
      }
    }
    return out;
  }

  /**
   * A list-or-mapping attribute as a list of {@code KEY=VALUE} strings (mappings sorted by key).
   */
  private static YSeq asSequence(YNode node, boolean hosts) {
    if (node instanceof YSeq s) {
      return (YSeq) clean(s);
    }
    if (node instanceof YScalar s) {
      return s.isNull()
          ? new YSeq(List.of(), s.range())
          : new YSeq(List.of(s.untagged()), s.range());
    }
    YMap m = (YMap) node;
    TreeMap<String, YMap.Entry> sorted = new TreeMap<>(m.entries());
    List<YNode> items = new ArrayList<>();
    for (Map.Entry<String, YMap.Entry> e : sorted.entrySet()) {
      YNode v = e.getValue().value();
      if (YamlReader.RESET.equals(v.tag())) {
        continue;
      }
      if (v instanceof YSeq values && hosts) {
        for (YNode ip : values.items()) {
          items.add(YScalar.string(e.getKey() + "=" + text(ip), ip.range()));
        }
      } else if (v instanceof YScalar s && s.isNull()) {
        items.add(YScalar.string(e.getKey(), e.getValue().key().range()));
      } else {
        items.add(YScalar.string(e.getKey() + "=" + text(v), v.range()));
      }
    }
    return new YSeq(items, m.range());
  }

  private static String text(YNode node) {
    return node instanceof YScalar s ? s.value() : "";
  }

  /** Keeps one entry per key in the lists where docker compose does; the last one wins. */
  static YNode unique(YNode node) {
    return unique(node, KeyPath.ROOT);
  }

  private static YNode unique(YNode node, KeyPath path) {
    if (node instanceof YMap m) {
      LinkedHashMap<String, YMap.Entry> out = new LinkedHashMap<>();
      for (Map.Entry<String, YMap.Entry> e : m.entries().entrySet()) {
        YNode v = unique(e.getValue().value(), path.key(e.getKey()));
        out.put(e.getKey(), new YMap.Entry(e.getValue().key(), v));
      }
      return new YMap(out, m.range(), m.tag());
    }
    if (!(node instanceof YSeq s)) {
      return node;
    }
    List<YNode> items = new ArrayList<>();
    for (int i = 0; i < s.items().size(); i++) {
      items.add(unique(s.items().get(i), path.index(i)));
    }
    String kind = uniqueKind(path);
    if (kind == null) {
      return new YSeq(items, s.range(), s.tag());
    }
    List<YNode> kept = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (YNode item : items) {
      String key = indexKey(kind, item);
      Integer at = seen.get(key);
      if (at != null) {
        kept.set(at, item);
      } else {
        seen.put(key, kept.size());
        kept.add(item);
      }
    }
    return new YSeq(kept, s.range(), s.tag());
  }

  private static String uniqueKind(KeyPath path) {
    if (matches(path, BY_KEY)) {
      return "keyValue";
    }
    for (String kind : List.of("expose", "env_file", "ports", "volumes", "secrets", "configs")) {
      if (path.matches("services.*." + kind)) {
        return kind;
      }
    }
    return null;
  }

  private static String indexKey(String kind, YNode item) {
    switch (kind) {
      case "keyValue":
        return keyValueKey(item);
      case "env_file":
        return item instanceof YMap m ? field(m, "path") : text(item);
      case "ports":
        if (item instanceof YMap m) {
          String protocol = field(m, "protocol");
          return field(m, "host_ip")
              + ":"
              + field(m, "published")
              + ":"
              + field(m, "target")
              + "/"
              + (protocol.isEmpty() ? "tcp" : protocol);
        }
        return text(item);
      case "volumes":
        if (item instanceof YMap m) {
          return field(m, "target");
        }
        return VolumeSpec.shortTarget(text(item));
      case "secrets":
      case "configs":
        String prefix = kind.equals("secrets") ? "/run/secrets/" : "/";
        if (item instanceof YMap m) {
          String target = field(m, "target");
          return target.isEmpty() ? prefix + field(m, "source") : target;
        }
        return prefix + text(item);
      default:
        return text(item);
    }
  }

  private static String keyValueKey(YNode item) {
    String t = text(item);
    int eq = t.indexOf('=');
    return eq < 0 ? t : t.substring(0, eq);
  }

  private static String field(YMap m, String key) {
    YNode v = m.get(key);
    return v == null ? "" : text(v);
  }

  private static boolean matches(KeyPath path, List<String> patterns) {
    for (String p : patterns) {
      if (path.matches(p)) {
        return true;
      }
    }
    return false;
  }
}
