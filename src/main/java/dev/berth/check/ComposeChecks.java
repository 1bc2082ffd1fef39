package dev.berth.check;

import dev.berth.compose.BuildConfig;
import dev.berth.compose.Service;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * berth's rules on a compose file itself: variables nothing sets, the obsolete {@code version:},
 * and two services whose builds share one image name.
 */
final class ComposeChecks {

  private ComposeChecks() {}

  static void variableUnset(ProjectSubject p, Findings out) {
    if (p.compose().isEmpty()) {
      return;
    }
    Set<String> reported = new HashSet<>();
    for (ComposeFile.Unset u : p.compose().get().unset()) {
      // UID and GID are UidNotExported's, which says why nothing sets them.
      if (ComposeFile.NOT_EXPORTED.contains(u.name()) || !reported.add(u.name())) {
        continue;
      }
      SourceRange at = p.token(u.range(), "${" + u.name());
      if (at.equals(u.range())) {
        at = p.token(u.range(), "$" + u.name());
      }
      String message =
          u.required()
              ? u.name()
                  + " is required here and neither the environment nor .env sets it: docker"
                  + " compose stops with 'required variable "
                  + u.name()
                  + " is missing a value'"
              : u.name()
                  + " is set neither in the environment nor in .env, so docker compose puts an"
                  + " empty string here";
      out.add(
          CrossFileRules.COMPOSE_VARIABLE_UNSET,
          at,
          message,
          "set "
              + u.name()
              + " in .env beside the compose file, or give it a default: ${"
              + u.name()
              + ":-value}");
    }
  }

  static void obsoleteVersion(ProjectSubject p, Findings out) {
    if (p.compose().isEmpty()) {
      return;
    }
    for (Diagnostic w : p.compose().get().warnings()) {
      if (w.code().equals("compose-obsolete-version")) {
        out.add(
            CrossFileRules.OBSOLETE_COMPOSE_VERSION,
            p.token(w.range(), "version"),
            "the attribute `version` is obsolete: the Compose Specification ignores it and"
                + " docker compose warns about it on every run",
            "remove the version: line");
      }
    }
  }

  /** What a service's build makes: two services with the same key build the same image. */
  private record BuildKey(
      String context, String dockerfile, String target, Map<String, String> args) {}

  static void imageConflict(ProjectSubject p, Findings out) {
    if (p.compose().isEmpty()) {
      return;
    }
    ComposeFile c = p.compose().get();
    Map<String, Service> first = new LinkedHashMap<>();
    for (Service s : c.project().services().values()) {
      if (s.build().isEmpty() || s.image().isEmpty()) {
        continue;
      }
      String image = c.imageOf(s);
      Service earlier = first.putIfAbsent(image, s);
      if (earlier == null || key(earlier.build().get()).equals(key(s.build().get()))) {
        continue;
      }
      SourceRange at =
          c.valueRange("services", s.name(), "image")
              .orElseGet(() -> c.keyRange("services", s.name()).orElse(s.range()));
      out.add(
          CrossFileRules.COMPOSE_IMAGE_CONFLICT,
          at,
          "services "
              + earlier.name()
              + " and "
              + s.name()
              + " both name their image '"
              + image
              + "' but build different things ("
              + difference(earlier.build().get(), s.build().get())
              + "): each build replaces the other's image, so one of them runs the other's",
          "give each build an image name of its own (for example " + image + "-" + s.name() + ")");
    }
  }

  private static BuildKey key(BuildConfig b) {
    return new BuildKey(
        b.context(),
        b.dockerfile().orElse("Dockerfile") + b.dockerfileInline().orElse(""),
        b.target().orElse(""),
        new TreeMap<>(b.args()));
  }

  private static String difference(BuildConfig a, BuildConfig b) {
    if (!a.target().equals(b.target())) {
      return "target "
          + a.target().orElse("(the last stage)")
          + " and "
          + b.target().orElse("(the last stage)");
    }
    if (!a.context().equals(b.context())) {
      return "contexts " + a.context() + " and " + b.context();
    }
    if (!Objects.equals(a.dockerfile(), b.dockerfile())
        || !Objects.equals(a.dockerfileInline(), b.dockerfileInline())) {
      return "different Dockerfiles";
    }
    return "different build args";
  }
}
