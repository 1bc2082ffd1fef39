package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compose file as written, before interpolation and merging: the text of its values and where its
 * keys and values are, for tools that point into the file (berth check). A path names a value by
 * its mapping keys and, inside lists, by the item's index written as a number ({@code "services",
 * "app", "build", "args", "0"}).
 */
public final class ComposeSource {

  /** A string value as written (variables not expanded), where it is, and its path. */
  public record Scalar(List<String> path, String text, SourceRange range) {
    public Scalar {
      path = List.copyOf(path);
    }
  }

  private final String file;
  private final List<YNode> documents;

  private ComposeSource(String file, List<YNode> documents) {
    this.file = file;
    this.documents = List.copyOf(documents);
  }

  /**
   * Reads a compose file's YAML.
   *
   * @throws BerthException when it is not YAML, at the place the YAML reader stopped
   */
  public static ComposeSource read(String file, String text) throws BerthException {
    return new ComposeSource(file, YamlReader.read(file, text));
  }

  public String file() {
    return file;
  }

  /** The text of the scalar at {@code path}; empty when there is none or it is not a scalar. */
  public Optional<String> text(String... path) {
    return node(path).filter(n -> n instanceof YScalar).map(n -> ((YScalar) n).value());
  }

  /** Whether the value at {@code path} is written and is not null. */
  public boolean has(String... path) {
    return node(path).filter(n -> !(n instanceof YScalar s && s.isNull())).isPresent();
  }

  /** Where the value at {@code path} starts. */
  public Optional<SourceRange> valueRange(String... path) {
    return node(path).map(YNode::range);
  }

  /** Where the key a path ends in is written (for a list item: where the item starts). */
  public Optional<SourceRange> keyRange(String... path) {
    if (path.length == 0) {
      return Optional.empty();
    }
    String[] parent = Arrays.copyOf(path, path.length - 1);
    Optional<YNode> p = node(parent);
    if (p.isPresent() && p.get() instanceof YMap m && m.has(path[path.length - 1])) {
      return Optional.of(m.keyRange(path[path.length - 1]));
    }
    return valueRange(path);
  }

  /** The keys of the mapping at {@code path}, in file order; empty when it is not a mapping. */
  public List<String> keys(String... path) {
    return node(path).filter(n -> n instanceof YMap).map(n -> ((YMap) n).keys()).orElse(List.of());
  }

  /** How many items the list at {@code path} has; 0 when it is not a list. */
  public int size(String... path) {
    return node(path).filter(n -> n instanceof YSeq).map(n -> ((YSeq) n).items().size()).orElse(0);
  }

  /** Every string value of the file, in file order, with its path. */
  public List<Scalar> strings() {
    List<Scalar> out = new ArrayList<>();
    for (YNode doc : documents) {
      collect(doc, new ArrayList<>(), out);
    }
    return out;
  }

  private static void collect(YNode node, List<String> path, List<Scalar> out) {
    if (node instanceof YScalar s) {
      if (s.isString()) {
        out.add(new Scalar(path, s.value(), s.range()));
      }
    } else if (node instanceof YSeq seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        path.add(Integer.toString(i));
        collect(seq.items().get(i), path, out);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof YMap m) {
      for (Map.Entry<String, YMap.Entry> e : m.entries().entrySet()) {
        path.add(e.getKey());
        collect(e.getValue().value(), path, out);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The node at a path in the last document that has it (later documents override). */
  private Optional<YNode> node(String... path) {
    for (int d = documents.size() - 1; d >= 0; d--) {
      YNode at = documents.get(d);
      for (String key : path) {
        at = child(at, key);
        if (at == null) {
          break;
        }
      }
      if (at != null) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  private static YNode child(YNode node, String key) {
    if (node instanceof YMap m) {
      return m.get(key);
    }
    if (node instanceof YSeq s && key.matches("[0-9]+")) {
      int i = Integer.parseInt(key);
      return i < s.items().size() ? s.items().get(i) : null;
    }
    return null;
  }
}
