package dev.berth.check;

import dev.berth.dockerfile.shell.Expansion;
import dev.berth.dockerfile.shell.ExpansionException;
import dev.berth.dockerfile.shell.ShellLex;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.image.Platform;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code FROM} lines see, as BuildKit builds it: the predefined platform args (a build arg
 * replaces any of them), then each global ARG with its build arg, or its default expanded.
 *
 * @param env the names with a value
 * @param declared every global ARG's name, with a value or not
 */
record MetaArgs(Map<String, String> env, Set<String> declared) {

  static MetaArgs of(
      SyntaxStages stages,
      ShellLex lex,
      Platform build,
      Platform target,
      String targetStage,
      Map<String, String> overrides,
      Map<String, String> buildArgs) {
    Map<String, String> env = predefined(build, target, targetStage, overrides);
    Set<String> declared = new LinkedHashSet<>();
    for (Node arg : stages.globalArgs()) {
      for (SyntaxStages.ArgWord w : SyntaxStages.argWords(arg)) {
        declared.add(w.name());
        String given = buildArgs.get(w.name());
        if (given != null) {
          env.put(w.name(), given);
        } else if (w.defaultValue().isPresent()) {
          Optional<Expansion> e = expand(lex, w.defaultValue().get(), env);
          if (e.isEmpty()) {
            return null;
          }
          env.put(w.name(), e.get().value());
        }
      }
    }
    return new MetaArgs(env, declared);
  }

  /** The args every build defines, as BuildKit's {@code defaultArgs} lists them. */
  static Map<String, String> predefined(
      Platform build, Platform target, String targetStage, Map<String, String> overrides) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("BUILDPLATFORM", build.toString());
    m.put("BUILDOS", build.os());
    m.put("BUILDOSVERSION", "");
    m.put("BUILDARCH", build.architecture());
    m.put("BUILDVARIANT", build.variant());
    m.put("TARGETPLATFORM", target.toString());
    m.put("TARGETOS", target.os());
    m.put("TARGETOSVERSION", "");
    m.put("TARGETARCH", target.architecture());
    m.put("TARGETVARIANT", target.variant());
    m.put("TARGETSTAGE", targetStage);
    for (String k : m.keySet()) {
      String v = overrides.get(k);
      if (v != null) {
        m.put(k, v);
      }
    }
    return m;
  }

  static Optional<Expansion> expand(ShellLex lex, String word, Map<String, String> env) {
    try {
      return Optional.of(lex.expand(word, env));
    } catch (ExpansionException e) {
      return Optional.empty();
    }
  }
}
