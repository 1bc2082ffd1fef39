package dev.berth.check;

import dev.berth.dockerfile.syntax.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * berth's ClutterNotIgnored: a COPY or ADD from the build context whose source holds a {@code
 * .venv}, {@code .git} or {@code __pycache__} folder that {@code .dockerignore} does not exclude,
 * so the host's virtualenv, repository or bytecode lands in the image.
 */
final class ClutterCheck {

  private ClutterCheck() {}

  static void clutterNotIgnored(CheckSubject s, Findings out) {
    if (s.options().clutter().paths().isEmpty()) {
      return;
    }
    Optional<StageScopes> scopes = s.scopes();
    for (SyntaxStages.Stage st : s.stages().stages()) {
      for (int i = 0; i < st.body().size(); i++) {
        Node n = st.body().get(i);
        boolean add = n.keyword().equals("add");
        boolean copy = n.keyword().equals("copy");
        if (!(add || copy) || SyntaxStages.flag(n, "from").isPresent() || !n.heredocs().isEmpty()) {
          continue;
        }
        Map<String, String> env =
            scopes.isPresent() ? scopes.get().of(st.index()).before().get(i).env() : Map.of();
        Set<String> reported = new HashSet<>();
        for (int a = 0; a < n.args().size() - 1; a++) {
          String written = n.args().get(a);
          String src = MetaArgs.expand(s.lex(), written, env).map(e -> e.value()).orElse(written);
          if (src.contains("://") || src.startsWith("git@")) {
            continue;
          }
          Optional<String> folder = folderOf(src);
          if (folder.isEmpty()) {
            continue;
          }
          List<String> copied = new ArrayList<>();
          for (String p : s.options().clutter().under(folder.get())) {
            if (!s.options().ignored().test(p) && reported.add(p)) {
              copied.add(p);
            }
          }
          if (!copied.isEmpty()) {
            report(s, out, n, written, copied);
          }
        }
      }
    }
  }

  /**
   * The context folder a source copies everything of: {@code .} and {@code *} the whole context,
   * {@code dir/*} and {@code dir} that folder; empty for other wildcards, which pick files by name.
   */
  private static Optional<String> folderOf(String src) {
    String p = src.replace('\\', '/');
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.startsWith("./") ? p.substring(2) : p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("*")) {
      p = "";
    } else if (p.endsWith("/*")) {
      p = p.substring(0, p.length() - 2);
    }
    if (p.equals(".")) {
      p = "";
    }
    if (p.contains("*") || p.contains("?") || p.contains("[")) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private static void report(
      CheckSubject s, Findings out, Node n, String written, List<String> copied) {
    List<String> why = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    if (copied.stream().anyMatch(p -> name(p).equals(".venv"))) {
      why.add("a virtualenv made on the host, for its Python and paths");
      patterns.add(".venv");
    }
    if (copied.stream().anyMatch(p -> name(p).equals(".git"))) {
      why.add("the repository's history, which changes with every commit");
      patterns.add(".git");
    }
    if (copied.stream().anyMatch(p -> name(p).equals("__pycache__"))) {
      why.add("bytecode the host's Python wrote");
      patterns.add("**/__pycache__");
    }
    out.add(
        CrossFileRules.CLUTTER_NOT_IGNORED,
        s.locate().word(n, written, true, n.writtenKeyword().length()),
        n.writtenKeyword()
            + " source '"
            + written
            + "' takes "
            + String.join(", ", copied)
            + " from the build context ("
            + String.join("; ", why)
            + "): .dockerignore does not exclude "
            + (copied.size() == 1 ? "it" : "them"),
        "add " + String.join(", ", patterns) + " to .dockerignore");
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
