package dev.berth.check;

import dev.berth.dockerfile.shell.Expansion;
import dev.berth.image.Platform;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's checks of {@code FROM} lines: undeclared ARGs, a {@code --platform} that is redundant
 * or constant, defaults that make no valid image name, a base pulled for another platform.
 */
final class FromChecks {

  private FromChecks() {}

  static void undefinedArgInFrom(CheckSubject s, Findings out) {
    MetaArgs meta = s.meta();
    if (meta == null) {
      return;
    }
    Set<String> known = new LinkedHashSet<>(meta.declared());
    known.addAll(meta.env().keySet());
    for (SyntaxStages.Stage st : s.stages().stages()) {
      report(s, out, st, st.image(), meta, known);
      if (st.platform().isPresent()) {
        report(s, out, st, st.platform().get(), meta, known);
      }
    }
  }

  private static void report(
      CheckSubject s,
      Findings out,
      SyntaxStages.Stage st,
      String word,
      MetaArgs meta,
      Set<String> known) {
    Optional<Expansion> e = MetaArgs.expand(s.lex(), word, meta.env());
    if (e.isEmpty()) {
      return;
    }
    for (String name : e.get().unmatched()) {
      if (known.contains(name)) {
        continue;
      }
      Optional<String> suggestion = Suggest.closest(name, known);
      out.add(
          BuildKitRules.UNDEFINED_ARG_IN_FROM,
          s.locate().variable(st.from(), name),
          "FROM argument '"
              + name
              + "' is not declared"
              + suggestion.map(x -> " (did you mean " + x + "?)").orElse(""),
          suggestion
              .map(x -> "write $" + x)
              .orElse("declare it before the first FROM: ARG " + name + "=<default>"));
    }
  }

  static void redundantTargetPlatform(CheckSubject s, Findings out) {
    MetaArgs meta = s.meta();
    if (meta == null) {
      return;
    }
    for (SyntaxStages.Stage st : s.stages().stages()) {
      if (st.platform().isEmpty()) {
        continue;
      }
      Optional<Expansion> e = MetaArgs.expand(s.lex(), st.platform().get(), meta.env());
      if (e.isEmpty() || !e.get().unmatched().isEmpty()) {
        continue;
      }
      if (e.get().matched().equals(Set.of("TARGETPLATFORM"))
          && e.get().value().equals(meta.env().get("TARGETPLATFORM"))) {
        out.add(
            BuildKitRules.REDUNDANT_TARGET_PLATFORM,
            s.locate().word(st.from(), "--platform=" + st.platform().get(), false, 0),
            "Setting platform to predefined "
                + st.platform().get()
                + " in FROM is redundant as this is the default behavior",
            "remove --platform=" + st.platform().get());
      }
    }
  }

  static void fromPlatformFlagConstDisallowed(CheckSubject s, Findings out) {
    MetaArgs meta = s.meta();
    if (meta == null) {
      return;
    }
    for (SyntaxStages.Stage st : s.stages().stages()) {
      if (st.platform().isEmpty()) {
        continue;
      }
      Optional<Expansion> e = MetaArgs.expand(s.lex(), st.platform().get(), meta.env());
      if (e.isEmpty() || !e.get().matched().isEmpty() || !e.get().unmatched().isEmpty()) {
        continue;
      }
      Optional<Platform> p = Platforms.parse(e.get().value(), s.options().buildPlatform());
      if (p.isEmpty()) {
        continue;
      }
      String name = st.lowerName().orElse("");
      if (name.contains(p.get().os()) || name.contains(p.get().architecture())) {
        continue;
      }
      out.add(
          BuildKitRules.FROM_PLATFORM_FLAG_CONST_DISALLOWED,
          s.locate().word(st.from(), "--platform=" + st.platform().get(), false, 0),
          "FROM --platform flag should not use constant value " + Quotes.go(e.get().value()),
          "drop --platform and pass --platform to the build, use $BUILDPLATFORM, or name the"
              + " stage after the platform (AS build_"
              + p.get().architecture()
              + ")");
    }
  }

  static void invalidDefaultArgInFrom(CheckSubject s, Findings out) {
    MetaArgs meta = s.defaultMeta();
    if (meta == null) {
      return;
    }
    for (SyntaxStages.Stage st : s.stages().stages()) {
      Optional<Expansion> e = MetaArgs.expand(s.lex(), st.image(), meta.env());
      if (e.isEmpty()) {
        // BuildKit gives up on the whole check when a base name cannot be expanded.
        return;
      }
      if (!ImageNames.isValid(e.get().value())) {
        out.add(
            BuildKitRules.INVALID_DEFAULT_ARG_IN_FROM,
            s.locate().word(st.from(), st.image()),
            "Default value for ARG " + st.image() + " results in empty or invalid base image name",
            "give the global ARG a default that makes a valid image name, or use ${NAME:-default}");
      }
    }
  }

  static void invalidBaseImagePlatform(CheckSubject s, Findings out) {
    Optional<StageScopes> scopes = s.scopes();
    MetaArgs meta = s.meta();
    if (scopes.isEmpty() || meta == null) {
      return;
    }
    for (StageScopes.Scope scope : scopes.get().all()) {
      SyntaxStages.Stage st = scope.stage();
      if (scope.baseStage().isPresent() || scope.baseName().equalsIgnoreCase("scratch")) {
        continue;
      }
      Optional<Platform> actual = s.options().basePlatforms().lookup(scope.baseName());
      if (actual.isEmpty()) {
        continue;
      }
      Platform expected = s.options().targetPlatform();
      if (st.platform().isPresent()) {
        Optional<Platform> given =
            MetaArgs.expand(s.lex(), st.platform().get(), meta.env())
                .flatMap(e -> Platforms.parse(e.value(), s.options().buildPlatform()));
        if (given.isEmpty()) {
          continue;
        }
        expected = given.get();
      }
      if (!expected.os().equals(actual.get().os())
          || !expected.architecture().equals(actual.get().architecture())) {
        out.add(
            BuildKitRules.INVALID_BASE_IMAGE_PLATFORM,
            s.locate().start(st.from()),
            "Base image "
                + scope.baseName()
                + " was pulled with platform "
                + Quotes.go(actual.get().toString())
                + ", expected "
                + Quotes.go(expected.toString())
                + " for current build",
            "use a base image built for "
                + expected
                + ", or set FROM --platform to the platform the image is for");
      }
    }
  }
}
