package dev.berth.check;

import dev.berth.dockerfile.shell.Expansion;
import dev.berth.dockerfile.shell.ShellLex;
import dev.berth.dockerfile.shell.ShellOptions;
import dev.berth.dockerfile.syntax.Heredoc;
import dev.berth.dockerfile.syntax.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's checks that need each instruction's variables: UndefinedVar, WorkdirRelativePath and
 * JSONArgsRecommended.
 */
final class VariableChecks {

  // Build args BuildKit reads itself; never variables of the stage.
  private static final Set<String> NOT_ENV =
      Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

  private VariableChecks() {}

  static void undefinedVar(CheckSubject s, Findings out) {
    Optional<StageScopes> scopes = s.scopes();
    if (scopes.isEmpty()) {
      return;
    }
    Set<String> declaredAnywhere = declaredAnywhere(s);
    ShellLex heredocLex = new ShellLex('\\', new ShellOptions(false, false, true, false));
    for (StageScopes.Scope scope : scopes.get().all()) {
      List<Node> body = scope.stage().body();
      for (int i = 0; i < body.size(); i++) {
        Node n = body.get(i);
        StageScopes.State before = scope.before().get(i);
        Map<String, String> env = new LinkedHashMap<>(before.env());
        Set<String> declared = new LinkedHashSet<>(before.declared());
        Set<String> unmatched = new LinkedHashSet<>();
        if (n.keyword().equals("arg")) {
          // Each declaration sees the ones before it in the same instruction.
          for (SyntaxStages.ArgWord w : SyntaxStages.argWords(n)) {
            String value = s.options().buildArgs().get(w.name());
            if (value == null && w.defaultValue().isPresent()) {
              Optional<Expansion> e = MetaArgs.expand(s.lex(), w.defaultValue().get(), env);
              if (e.isPresent()) {
                for (String u : e.get().unmatched()) {
                  if (!declared.contains(u)) {
                    unmatched.add(u);
                  }
                }
                value = e.get().value();
              }
            }
            if (value == null) {
              value = s.meta().env().get(w.name());
            }
            if (value != null) {
              env.put(w.name(), value);
            }
            declared.add(w.name());
          }
        } else {
          for (String word : expandedWords(n)) {
            MetaArgs.expand(s.lex(), word, env).ifPresent(e -> unmatched.addAll(e.unmatched()));
          }
          if (n.keyword().equals("copy") || n.keyword().equals("add")) {
            for (Heredoc h : n.heredocs()) {
              if (h.expand()) {
                MetaArgs.expand(heredocLex, h.content(), env)
                    .ifPresent(e -> unmatched.addAll(e.unmatched()));
              }
            }
          }
          unmatched.removeAll(declared);
        }
        unmatched.removeAll(NOT_ENV);
        for (String name : unmatched) {
          Optional<String> suggestion = Suggest.closest(name, env.keySet());
          if (!scope.envKnown()
              && suggestion.isEmpty()
              && name.equals(name.toUpperCase(Locale.ROOT))
              && !declaredAnywhere.contains(name)) {
            // Probably set by the base image, whose config is not known here.
            continue;
          }
          out.add(
              BuildKitRules.UNDEFINED_VAR,
              s.locate().variable(n, name),
              "Usage of undefined variable '$"
                  + name
                  + "'"
                  + suggestion.map(x -> " (did you mean $" + x + "?)").orElse(""),
              suggestion
                  .map(x -> "write $" + x)
                  .orElse("declare it in this stage first (ARG " + name + ") or set it with ENV"));
        }
      }
    }
  }

  /** The words BuildKit expands in an instruction (and reports unset variables of). */
  static List<String> expandedWords(Node n) {
    List<String> words = new ArrayList<>();
    List<String> a = n.args();
    switch (n.keyword()) {
      case "env", "label" -> {
        for (int i = 0; i + 1 < a.size(); i += 3) {
          words.add(a.get(i));
          words.add(a.get(i + 1));
        }
      }
      case "copy", "add" -> {
        for (String flag : List.of("chown", "chmod", "from", "checksum")) {
          SyntaxStages.flag(n, flag).ifPresent(words::add);
        }
        Set<String> docs = new HashSet<>();
        n.heredocs().forEach(h -> docs.add(h.name()));
        for (String arg : a) {
          if (!n.json() && isHeredocToken(arg, docs)) {
            continue;
          }
          words.add(arg);
        }
      }
      case "workdir", "user", "stopsignal", "volume" -> words.addAll(a);
      case "run" -> words.addAll(SyntaxStages.flags(n, "mount"));
      default -> {}
    }
    return words;
  }

  static boolean isHeredocToken(String arg, Set<String> names) {
    if (!arg.startsWith("<<")) {
      return false;
    }
    String name = arg.substring(2);
    if (name.startsWith("-")) {
      name = name.substring(1);
    }
    if (name.length() >= 2
        && (name.startsWith("\"") && name.endsWith("\"")
            || name.startsWith("'") && name.endsWith("'"))) {
      name = name.substring(1, name.length() - 1);
    }
    return names.contains(name);
  }

  /** Names some ARG or ENV of the file sets, in any stage or before the first FROM. */
  private static Set<String> declaredAnywhere(CheckSubject s) {
    Set<String> names = new HashSet<>();
    for (Node n : s.tree().nodes()) {
      if (n.keyword().equals("arg")) {
        SyntaxStages.argWords(n).forEach(w -> names.add(w.name()));
      } else if (n.keyword().equals("env")) {
        for (int i = 0; i < n.args().size(); i += 3) {
          names.add(n.args().get(i));
        }
      }
    }
    return names;
  }

  static void workdirRelativePath(CheckSubject s, Findings out) {
    Optional<StageScopes> scopes = s.scopes();
    if (scopes.isEmpty()) {
      return;
    }
    for (StageScopes.Scope scope : scopes.get().all()) {
      List<Node> body = scope.stage().body();
      for (int i = 0; i < body.size(); i++) {
        Node n = body.get(i);
        StageScopes.State before = scope.before().get(i);
        if (!n.keyword().equals("workdir") || before.workdirSet()) {
          continue;
        }
        String path =
            MetaArgs.expand(s.lex(), String.join(" ", n.args()), before.env())
                .map(Expansion::value)
                .orElse(String.join(" ", n.args()));
        // A drive path (C:\app) is absolute for the Windows images such files are for.
        if (!path.startsWith("/") && !path.matches("(?s)[A-Za-z]:[\\\\/].*|\\\\.*")) {
          out.add(
              BuildKitRules.WORKDIR_RELATIVE_PATH,
              s.locate().word(n, n.args().get(0), false, n.writtenKeyword().length()),
              "Relative workdir "
                  + Quotes.go(path)
                  + " can have unexpected results if the base"
                  + " image changes",
              "write an absolute path: WORKDIR /" + path.replaceFirst("^\\./", ""));
        }
      }
    }
  }

  static void jsonArgsRecommended(CheckSubject s, Findings out) {
    Optional<StageScopes> scopes = s.scopes();
    if (scopes.isEmpty()) {
      return;
    }
    for (StageScopes.Scope scope : scopes.get().all()) {
      List<Node> body = scope.stage().body();
      for (int i = 0; i < body.size(); i++) {
        Node n = body.get(i);
        boolean command = n.keyword().equals("cmd") || n.keyword().equals("entrypoint");
        if (!command || n.json() || n.args().isEmpty() || scope.before().get(i).shellSet()) {
          continue;
        }
        String k = n.writtenKeyword();
        out.add(
            BuildKitRules.JSON_ARGS_RECOMMENDED,
            s.locate().start(n),
            "JSON arguments recommended for "
                + k
                + " to prevent unintended behavior related to OS"
                + " signals",
            "write "
                + k.toUpperCase(Locale.ROOT)
                + " "
                + execForm(String.join(" ", n.args()))
                + ", or set SHELL if the shell form is meant");
      }
    }
  }

  private static String execForm(String shellLine) {
    StringBuilder out = new StringBuilder("[");
    String[] words = shellLine.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      out.append(i == 0 ? "" : ", ").append(Quotes.go(words[i]));
    }
    return out.append(']').toString();
  }
}
