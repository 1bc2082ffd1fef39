package dev.berth.check;

import dev.berth.dockerfile.shell.Expansion;
import dev.berth.dockerfile.shell.ShellLex;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.plan.BaseImageConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each instruction of each stage sees, the way BuildKit's dispatcher tracks it for its checks:
 * the variables set (the base's ENV, then ENV and ARG values in order), the ARGs declared (with a
 * value or not), whether a SHELL is in force and whether a WORKDIR was set in this file.
 */
final class StageScopes {

  /** The state before one instruction (or at the end of a stage). */
  record State(
      Map<String, String> env, Set<String> declared, boolean shellSet, boolean workdirSet) {}

  /**
   * One stage's states.
   *
   * @param baseName the base after expanding the global ARGs
   * @param baseStage the earlier stage it builds on, if any
   * @param envKnown false when the base is an image whose config is not known here, so its ENV is
   * @param before the state before each body instruction, in order
   */
  record Scope(
      SyntaxStages.Stage stage,
      String baseName,
      Optional<Integer> baseStage,
      boolean envKnown,
      List<State> before,
      State end) {}

  // Distribution images whose config sets no variable but PATH: their env is known without a store.
  private static final Set<String> PATH_ONLY_IMAGES =
      Set.of("alpine", "busybox", "debian", "ubuntu");
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final List<Scope> scopes;

  private StageScopes(List<Scope> scopes) {
    this.scopes = scopes;
  }

  List<Scope> all() {
    return scopes;
  }

  Scope of(int stageIndex) {
    return scopes.get(stageIndex);
  }

  static StageScopes of(SyntaxStages stages, MetaArgs meta, ShellLex lex, CheckOptions options) {
    List<Scope> out = new ArrayList<>();
    for (SyntaxStages.Stage s : stages.stages()) {
      String base = MetaArgs.expand(lex, s.image(), meta.env()).map(Expansion::value).orElse("");
      Optional<Integer> baseStage = Optional.empty();
      String lower = base.toLowerCase(Locale.ROOT);
      for (int i = s.index() - 1; i >= 0; i--) {
        if (stages.stages().get(i).lowerName().filter(lower::equals).isPresent()) {
          baseStage = Optional.of(i);
          break;
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      Set<String> declared = new LinkedHashSet<>();
      boolean shellSet = false;
      boolean workdirSet = false;
      boolean envKnown = true;
      if (baseStage.isPresent()) {
        Scope parent = out.get(baseStage.get());
        env.putAll(parent.end().env());
        declared.addAll(parent.end().declared());
        shellSet = parent.end().shellSet();
        workdirSet = parent.end().workdirSet();
        envKnown = parent.envKnown();
      } else if (!lower.equals("scratch")) {
        Optional<BaseImageConfig> config = options.baseConfigs().lookup(base);
        if (config.isPresent()) {
          for (String e : config.get().env()) {
            int eq = e.indexOf('=');
            env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
          }
          shellSet = !config.get().shell().isEmpty();
        } else {
          envKnown = PATH_ONLY_IMAGES.contains(ImageNames.repository(base));
        }
      }
      env.putIfAbsent("PATH", DEFAULT_PATH);
      List<State> before = new ArrayList<>();
      for (Node n : s.body()) {
        before.add(snapshot(env, declared, shellSet, workdirSet));
        switch (n.keyword()) {
          case "env" -> {
            Map<String, String> set = new LinkedHashMap<>();
            for (int i = 0; i + 1 < n.args().size(); i += 3) {
              String k =
                  MetaArgs.expand(lex, n.args().get(i), env).map(Expansion::value).orElse("");
              String v =
                  MetaArgs.expand(lex, n.args().get(i + 1), env).map(Expansion::value).orElse("");
              set.put(k, v);
            }
            env.putAll(set);
          }
          case "arg" -> {
            for (SyntaxStages.ArgWord w : SyntaxStages.argWords(n)) {
              String value = options.buildArgs().get(w.name());
              if (value == null && w.defaultValue().isPresent()) {
                value =
                    MetaArgs.expand(lex, w.defaultValue().get(), env)
                        .map(Expansion::value)
                        .orElse("");
              }
              if (value == null) {
                value = meta.env().get(w.name());
              }
              if (value != null) {
                env.put(w.name(), value);
              }
              declared.add(w.name());
            }
          }
          case "shell" -> shellSet = true;
          case "workdir" -> workdirSet = true;
          default -> {}
        }
      }
      out.add(
          new Scope(
              s,
              base,
              baseStage,
              envKnown,
              List.copyOf(before),
              snapshot(env, declared, shellSet, workdirSet)));
    }
    return new StageScopes(List.copyOf(out));
  }

  private static State snapshot(
      Map<String, String> env, Set<String> declared, boolean shellSet, boolean workdirSet) {
    return new State(
        Collections.unmodifiableMap(new LinkedHashMap<>(env)),
        Collections.unmodifiableSet(new LinkedHashSet<>(declared)),
        shellSet,
        workdirSet);
  }
}
