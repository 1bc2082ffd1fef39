package dev.berth.check;

import dev.berth.dockerfile.syntax.Node;
import dev.berth.dockerfile.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stages of a syntax tree, read as BuildKit's linter reads them: the global ARGs, then each
 * {@code FROM} with the instructions up to the next one. Unlike the typed reader it accepts what
 * BuildKit only warns about (a repeated stage name, an odd port), so the checks that need no more
 * than this still run on such files.
 */
final class SyntaxStages {

  /** One declared ARG: its name and its default as written, quotes and all. */
  record ArgWord(String name, Optional<String> defaultValue) {
    static ArgWord parse(String word) {
      int eq = word.indexOf('=');
      return eq < 0
          ? new ArgWord(word, Optional.empty())
          : new ArgWord(word.substring(0, eq), Optional.of(word.substring(eq + 1)));
    }
  }

  /**
   * One stage.
   *
   * @param image the base as written ({@code python:${V}})
   * @param platform the {@code --platform} value as written
   * @param name the {@code AS} name as written (any case)
   */
  record Stage(
      int index,
      Node from,
      String image,
      Optional<String> platform,
      Optional<String> name,
      List<Node> body) {

    Optional<String> lowerName() {
      return name.map(n -> n.toLowerCase(Locale.ROOT));
    }

    String displayName() {
      return name.orElse(Integer.toString(index));
    }
  }

  private final List<Node> globalArgs;
  private final List<Stage> stages;

  private SyntaxStages(List<Node> globalArgs, List<Stage> stages) {
    this.globalArgs = List.copyOf(globalArgs);
    this.stages = List.copyOf(stages);
  }

  static SyntaxStages of(SyntaxTree tree) {
    List<Node> globals = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Node from = null;
    List<Node> body = new ArrayList<>();
    for (Node n : tree.nodes()) {
      if (n.keyword().equals("from")) {
        if (from != null) {
          stages.add(stage(stages.size(), from, body));
        }
        from = n;
        body = new ArrayList<>();
      } else if (from == null) {
        if (n.keyword().equals("arg")) {
          globals.add(n);
        }
      } else {
        body.add(n);
      }
    }
    if (from != null) {
      stages.add(stage(stages.size(), from, body));
    }
    return new SyntaxStages(globals, stages);
  }

  private static Stage stage(int index, Node from, List<Node> body) {
    List<String> a = from.args();
    Optional<String> name =
        a.size() == 3 && a.get(1).equalsIgnoreCase("as") ? Optional.of(a.get(2)) : Optional.empty();
    return new Stage(
        index, from, a.isEmpty() ? "" : a.get(0), flag(from, "platform"), name, List.copyOf(body));
  }

  /** The value of {@code --name=value} among a node's flags, the last one winning. */
  static Optional<String> flag(Node n, String name) {
    Optional<String> value = Optional.empty();
    String prefix = "--" + name + "=";
    for (String f : n.flags()) {
      if (f.startsWith(prefix)) {
        value = Optional.of(f.substring(prefix.length()));
      }
    }
    return value;
  }

  /** All values of a repeatable flag such as {@code --mount}. */
  static List<String> flags(Node n, String name) {
    List<String> out = new ArrayList<>();
    String prefix = "--" + name + "=";
    for (String f : n.flags()) {
      if (f.startsWith(prefix)) {
        out.add(f.substring(prefix.length()));
      }
    }
    return out;
  }

  static List<ArgWord> argWords(Node argNode) {
    return argNode.args().stream().map(ArgWord::parse).toList();
  }

  List<Node> globalArgs() {
    return globalArgs;
  }

  List<Stage> stages() {
    return stages;
  }
}
