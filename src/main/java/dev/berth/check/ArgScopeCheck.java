package dev.berth.check;

import dev.berth.dockerfile.shell.Expansion;
import dev.berth.dockerfile.syntax.Node;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * berth's ArgOutOfScope: a variable used in a stage that only another stage (or the global scope
 * before the first FROM) declares with ARG. ARGs end with their stage, so the value there is empty.
 */
final class ArgScopeCheck {

  private static final Pattern SHELL_VARIABLE =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

  private ArgScopeCheck() {}

  /** Where an ARG is declared. */
  private record Declaration(String stage, int line, Optional<String> defaultValue) {}

  static void argOutOfScope(CheckSubject s, Findings out) {
    Optional<StageScopes> scopes = s.scopes();
    if (scopes.isEmpty()) {
      return;
    }
    Map<String, Declaration> global = new LinkedHashMap<>();
    for (Node arg : s.stages().globalArgs()) {
      for (SyntaxStages.ArgWord w : SyntaxStages.argWords(arg)) {
        global.putIfAbsent(
            w.name(), new Declaration("", arg.range().startLine(), w.defaultValue()));
      }
    }
    Map<Integer, Map<String, Declaration>> perStage = new LinkedHashMap<>();
    for (SyntaxStages.Stage st : s.stages().stages()) {
      Map<String, Declaration> d = new LinkedHashMap<>();
      for (Node n : st.body()) {
        if (n.keyword().equals("arg")) {
          for (SyntaxStages.ArgWord w : SyntaxStages.argWords(n)) {
            d.putIfAbsent(
                w.name(),
                new Declaration(st.displayName(), n.range().startLine(), w.defaultValue()));
          }
        }
      }
      perStage.put(st.index(), d);
    }
    for (StageScopes.Scope scope : scopes.get().all()) {
      SyntaxStages.Stage st = scope.stage();
      for (int i = 0; i < st.body().size(); i++) {
        Node n = st.body().get(i);
        StageScopes.State before = scope.before().get(i);
        Set<String> used = used(s, n, before.env());
        for (String name : used) {
          if (before.env().containsKey(name) || before.declared().contains(name)) {
            continue;
          }
          Optional<Declaration> elsewhere = Optional.empty();
          for (Map.Entry<Integer, Map<String, Declaration>> e : perStage.entrySet()) {
            if (e.getKey() != st.index() && e.getValue().containsKey(name)) {
              elsewhere = Optional.of(e.getValue().get(name));
              break;
            }
          }
          if (elsewhere.isEmpty() && global.containsKey(name)) {
            elsewhere = Optional.of(global.get(name));
          }
          if (elsewhere.isEmpty()) {
            continue;
          }
          Declaration d = elsewhere.get();
          String where =
              d.stage().isEmpty()
                  ? "is a global ARG (line " + d.line() + "), which only FROM lines see"
                  : "is declared by ARG only in stage " + d.stage() + " (line " + d.line() + ")";
          out.add(
              BerthRules.ARG_OUT_OF_SCOPE,
              s.locate().variable(n, name),
              name
                  + " "
                  + where
                  + ", so it is empty in stage "
                  + st.displayName()
                  + ": an ARG ends with the stage that declares it",
              "declare it in "
                  + st.displayName()
                  + " before this line: ARG "
                  + name
                  + (d.stage().isEmpty() ? "" : d.defaultValue().map(v -> "=" + v).orElse("")));
        }
      }
    }
  }

  /**
   * The variables an instruction reads: those BuildKit expands, and for RUN the ones the shell
   * expands (the ARGs in scope are in a RUN's environment, so it reads them too).
   */
  private static Set<String> used(CheckSubject s, Node n, Map<String, String> env) {
    Set<String> used = new LinkedHashSet<>();
    if (n.keyword().equals("arg")) {
      for (SyntaxStages.ArgWord w : SyntaxStages.argWords(n)) {
        w.defaultValue()
            .flatMap(v -> MetaArgs.expand(s.lex(), v, env))
            .ifPresent(e -> used.addAll(e.unmatched()));
      }
      return used;
    }
    for (String word : VariableChecks.expandedWords(n)) {
      MetaArgs.expand(s.lex(), word, env).map(Expansion::unmatched).ifPresent(used::addAll);
    }
    if (n.keyword().equals("run") && !n.json()) {
      String script = String.join(" ", n.args());
      Matcher m = SHELL_VARIABLE.matcher(withoutSingleQuoted(script));
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        if (!env.containsKey(name) && !assignedIn(script, name)) {
          used.add(name);
        }
      }
    }
    return used;
  }

  private static String withoutSingleQuoted(String script) {
    return script.replaceAll("'[^']*'", "''");
  }

  /** Whether the script sets the variable itself ({@code X=}, {@code for X}, {@code read X}). */
  private static boolean assignedIn(String script, String name) {
    String n = Pattern.quote(name);
    return Pattern.compile(
            "(?:^|[\\s;&|(])(?:export\\s+|local\\s+|declare\\s+(?:-\\w+\\s+)?)?"
                + n
                + "=|\\bfor\\s+"
                + n
                + "\\b|\\bread\\s+(?:-\\w+\\s+)*(?:\\w+\\s+)*"
                + n
                + "\\b")
        .matcher(script)
        .find();
  }
}
