package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads compose YAML (1.2, core schema) into {@link YNode} trees that remember file, line and
 * column. Aliases are expanded, merge keys ({@code <<}) applied, and duplicate keys refused, as
 * docker compose's YAML library refuses them.
 */
final class YamlReader {

  static final String RESET = "!reset";
  static final String OVERRIDE = "!override";
  private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);

  private final String file;
  private final IdentityHashMap<Node, Boolean> inProgress = new IdentityHashMap<>();

  private YamlReader(String file) {
    this.file = file;
  }

  /** The documents of a YAML stream; empty documents are left out. */
  static List<YNode> read(String file, String text) throws BerthException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(1000)
            .build();
    YamlReader reader = new YamlReader(file);
    List<YNode> docs = new ArrayList<>();
    try {
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        if (node == null) {
          continue;
        }
        YNode converted = reader.convert(node);
        if (converted instanceof YScalar s && s.isNull()) {
          continue;
        }
        docs.add(converted);
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String message = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      if (e.getContext() != null) {
        message = e.getContext() + ": " + message;
      }
      throw BerthException.error(
          "compose-yaml", message, mark.map(reader::range).orElse(SourceRange.file(file)));
    } catch (YamlEngineException e) {
      throw BerthException.error("compose-yaml", e.getMessage(), SourceRange.file(file));
    }
    return docs;
  }

  private SourceRange range(Mark m) {
    return SourceRange.at(file, m.getLine() + 1, m.getColumn() + 1);
  }

  private SourceRange range(Node node) {
    return node.getStartMark().map(this::range).orElse(SourceRange.file(file));
  }

  private YNode convert(Node node) throws BerthException {
    if (inProgress.containsKey(node)) {
      throw BerthException.error(
          "compose-yaml", "an alias refers to the node that contains it", range(node));
    }
    inProgress.put(node, Boolean.TRUE);
    try {
      if (node instanceof ScalarNode s) {
        return scalar(s);
      }
      if (node instanceof SequenceNode seq) {
        List<YNode> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
          items.add(convert(item));
        }
        return new YSeq(items, range(node), composeTag(node));
      }
      return mapping((MappingNode) node);
    } finally {
      inProgress.remove(node);
    }
  }

  private static String composeTag(Node node) {
    String t = node.getTag().getValue();
    return RESET.equals(t) || OVERRIDE.equals(t) ? t : null;
  }

  private YScalar scalar(ScalarNode s) {
    Tag tag = s.getTag();
    YScalar.Kind kind;
    if (tag.equals(Tag.STR)) {
      kind = YScalar.Kind.STRING;
    } else if (tag.equals(Tag.INT)) {
      kind = YScalar.Kind.INT;
    } else if (tag.equals(Tag.FLOAT)) {
      kind = YScalar.Kind.FLOAT;
    } else if (tag.equals(Tag.BOOL)) {
      kind = YScalar.Kind.BOOL;
    } else if (tag.equals(Tag.NULL)) {
      kind = YScalar.Kind.NULL;
    } else {
      // A compose tag (!reset) or an unknown local tag: type the text as an untagged scalar.
      kind = s.isPlain() ? kindOf(RESOLVER.resolve(s.getValue(), true)) : YScalar.Kind.STRING;
    }
    String value = kind == YScalar.Kind.NULL ? "" : s.getValue();
    return new YScalar(value, kind, range(s), composeTag(s));
  }

  private static YScalar.Kind kindOf(Tag tag) {
    if (tag.equals(Tag.INT)) {
      return YScalar.Kind.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return YScalar.Kind.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return YScalar.Kind.BOOL;
    }
    if (tag.equals(Tag.NULL)) {
      return YScalar.Kind.NULL;
    }
    return YScalar.Kind.STRING;
  }

  private YMap mapping(MappingNode node) throws BerthException {
    // Keys written in this mapping win over keys brought in by merge keys, wherever they stand.
    LinkedHashMap<String, YMap.Entry> explicit = new LinkedHashMap<>();
    List<YMap> merged = new ArrayList<>();
    for (NodeTuple t : node.getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode ks)) {
        throw BerthException.error(
            "compose-yaml", "a mapping key must be a string, not a collection", range(keyNode));
      }
      if ("<<".equals(ks.getValue()) && ks.isPlain()) {
        mergeSources(t.getValueNode(), merged);
        continue;
      }
      YScalar key = scalar(ks);
      YMap.Entry previous = explicit.get(key.value());
      if (previous != null) {
        throw BerthException.error(
            "compose-yaml",
            "mapping key \""
                + key.value()
                + "\" already defined at line "
                + previous.key().range().startLine(),
            key.range());
      }
      explicit.put(key.value(), new YMap.Entry(key, convert(t.getValueNode())));
    }
    LinkedHashMap<String, YMap.Entry> entries = new LinkedHashMap<>();
    for (YMap source : merged) {
      for (Map.Entry<String, YMap.Entry> e : source.entries().entrySet()) {
        entries.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, YMap.Entry> e : explicit.entrySet()) {
      entries.remove(e.getKey());
      entries.put(e.getKey(), e.getValue());
    }
    return new YMap(entries, range(node), composeTag(node));
  }

  private void mergeSources(Node value, List<YMap> merged) throws BerthException {
    if (value instanceof MappingNode m) {
      merged.add(mapping(m));
      return;
    }
    if (value instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (!(item instanceof MappingNode m)) {
          throw BerthException.error(
              "compose-yaml",
              "a merge key (<<) takes a mapping or a list of mappings",
              range(item));
        }
        merged.add(mapping(m));
      }
      return;
    }
    throw BerthException.error(
        "compose-yaml", "a merge key (<<) takes a mapping or a list of mappings", range(value));
  }
}
