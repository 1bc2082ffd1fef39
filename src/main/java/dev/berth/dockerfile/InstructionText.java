package dev.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes an instruction back as Dockerfile text: after expansion this is what a step shows in
 * progress output and plans.
 */
public final class InstructionText {

  private InstructionText() {}

  public static String of(Instruction ins) {
    List<String> parts = new ArrayList<>();
    parts.add(ins.keyword());
    if (ins instanceof From f) {
      f.platform().ifPresent(p -> parts.add("--platform=" + p));
      parts.add(f.image());
      f.stageName().ifPresent(n -> parts.add("AS " + n));
    } else if (ins instanceof Run r) {
      r.mounts().forEach(m -> parts.add("--mount=" + m.display()));
      r.network().ifPresent(n -> parts.add("--network=" + n));
      r.security().ifPresent(s -> parts.add("--security=" + s));
      parts.add(r.command().display());
    } else if (ins instanceof Cmd c) {
      parts.add(c.command().display());
    } else if (ins instanceof Entrypoint e) {
      parts.add(e.command().display());
    } else if (ins instanceof Shell s) {
      parts.add(Json.array(s.shell()));
    } else if (ins instanceof Copy c) {
      flag(parts, "from", c.from());
      flag(parts, "chown", c.chown());
      flag(parts, "chmod", c.chmod());
      if (c.link()) {
        parts.add("--link");
      }
      if (c.parents()) {
        parts.add("--parents");
      }
      c.excludes().forEach(x -> parts.add("--exclude=" + x));
      paths(parts, c.sources(), c.heredocs(), c.destination());
    } else if (ins instanceof Add a) {
      flag(parts, "chown", a.chown());
      flag(parts, "chmod", a.chmod());
      if (a.link()) {
        parts.add("--link");
      }
      if (a.keepGitDir()) {
        parts.add("--keep-git-dir");
      }
      flag(parts, "checksum", a.checksum());
      a.excludes().forEach(x -> parts.add("--exclude=" + x));
      paths(parts, a.sources(), a.heredocs(), a.destination());
    } else if (ins instanceof Env e) {
      e.pairs().forEach(kv -> parts.add(kv.key() + "=" + quoteIfNeeded(kv.value())));
    } else if (ins instanceof Label l) {
      l.pairs().forEach(kv -> parts.add(quoteIfNeeded(kv.key()) + "=" + quoteIfNeeded(kv.value())));
    } else if (ins instanceof Arg a) {
      a.declarations()
          .forEach(d -> parts.add(d.name() + d.defaultValue().map(v -> "=" + v).orElse("")));
    } else if (ins instanceof Expose e) {
      parts.addAll(e.ports());
    } else if (ins instanceof Volume v) {
      parts.add(Json.array(v.paths()));
    } else if (ins instanceof User u) {
      parts.add(u.user());
    } else if (ins instanceof Workdir w) {
      parts.add(w.path());
    } else if (ins instanceof StopSignal s) {
      parts.add(s.signal());
    } else if (ins instanceof Healthcheck h) {
      parts.add(
          h.config()
              .map(
                  c ->
                      c.test().get(0)
                          + " "
                          + (c.test().get(0).equals("CMD")
                              ? Json.array(c.test().subList(1, c.test().size()))
                              : c.test().get(1)))
              .orElse("NONE"));
    } else if (ins instanceof OnBuild o) {
      parts.add(o.expression());
    } else if (ins instanceof Maintainer m) {
      parts.add(m.name());
    } else {
      throw new AssertionError(ins);
    }
    return String.join(" ", parts);
  }

  private static void flag(List<String> parts, String name, Optional<String> value) {
    value.ifPresent(v -> parts.add("--" + name + "=" + v));
  }

  private static void paths(
      List<String> parts, List<String> sources, List<HeredocFile> docs, String destination) {
    parts.addAll(sources);
    docs.forEach(d -> parts.add("<<" + d.name()));
    parts.add(destination);
  }

  private static String quoteIfNeeded(String v) {
    if (!v.isEmpty()
        && v.chars()
            .noneMatch(
                c ->
                    c == ' ' || c == '\t' || c == '"' || c == '\\' || c == '\'' || c == '\n'
                        || c == '$')) {
      return v;
    }
    return Json.quote(v);
  }
}
