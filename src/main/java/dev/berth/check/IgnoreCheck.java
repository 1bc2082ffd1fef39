package dev.berth.check;

import dev.berth.dockerfile.syntax.Node;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** BuildKit's CopyIgnoredFile: a COPY or ADD source from the context that .dockerignore drops. */
final class IgnoreCheck {

  private IgnoreCheck() {}

  static void copyIgnoredFile(CheckSubject s, Findings out) {
    Optional<StageScopes> scopes = s.scopes();
    for (SyntaxStages.Stage st : s.stages().stages()) {
      for (int i = 0; i < st.body().size(); i++) {
        Node n = st.body().get(i);
        boolean add = n.keyword().equals("add");
        boolean copy = n.keyword().equals("copy");
        if (!(add || copy) || (copy && SyntaxStages.flag(n, "from").isPresent())) {
          continue;
        }
        Map<String, String> env =
            scopes.isPresent() ? scopes.get().of(st.index()).before().get(i).env() : Map.of();
        Set<String> docs = new HashSet<>();
        n.heredocs().forEach(h -> docs.add(h.name()));
        for (int a = 0; a < n.args().size() - 1; a++) {
          String written = n.args().get(a);
          if (!n.json() && VariableChecks.isHeredocToken(written, docs)) {
            continue;
          }
          String src = MetaArgs.expand(s.lex(), written, env).map(e -> e.value()).orElse(written);
          if (add && (src.contains("://") || src.startsWith("git@"))) {
            continue;
          }
          if (s.options().ignored().test(src)) {
            String verb = add ? "Add" : "Copy";
            out.add(
                BuildKitRules.COPY_IGNORED_FILE,
                s.locate().word(n, written, true, n.writtenKeyword().length()),
                "Attempting to "
                    + verb
                    + " file "
                    + Quotes.go(src)
                    + " that is excluded by .dockerignore",
                "remove the .dockerignore pattern that matches "
                    + src
                    + " (or add an exception !"
                    + src
                    + "), or stop copying it");
          }
        }
      }
    }
  }
}
