package dev.berth.check;

import dev.berth.compose.BuildConfig;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.ComposeSource;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.Service;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compose project as the check reads it: the model docker compose would build (read by berth's
 * compose reader), each file as written (for the places of keys and the text before interpolation),
 * and the variables it needed that nothing set.
 */
final class ComposeFile {

  /**
   * How the check interpolates: with the shell's environment and the project's {@code .env}, as
   * docker compose does, but without UID and GID, which shells do not export (a check run from a
   * shell that exported them would not see what docker compose sees from others).
   */
  static final Set<String> NOT_EXPORTED = Set.of("UID", "GID", "EUID", "EGID");

  private static final Pattern REQUIRED =
      Pattern.compile("required variable ([A-Za-z_][A-Za-z0-9_]*) is missing a value");
  private static final Pattern UNSET = Pattern.compile("The \"([A-Za-z_][A-Za-z0-9_]*)\" variable");
  // More required variables than this in one project is no compose file a person wrote.
  private static final int MAX_PLACEHOLDERS = 64;

  /**
   * A variable the file uses that neither the environment nor {@code .env} sets.
   *
   * @param required {@code ${NAME?err}} or {@code ${NAME:?err}}, which stops docker compose; else a
   *     plain {@code ${NAME}}, which becomes empty
   * @param range the value it is used in
   */
  record Unset(String name, boolean required, SourceRange range) {}

  /** The project read, or why it could not be. */
  record Loaded(Optional<ComposeFile> file, List<String> names, List<Diagnostic> errors) {}

  private final ComposeProject project;
  private final List<ComposeSource> sources;
  private final List<Unset> unset;
  private final List<Diagnostic> warnings;

  private ComposeFile(
      ComposeProject project,
      List<ComposeSource> sources,
      List<Unset> unset,
      List<Diagnostic> warnings) {
    this.project = project;
    this.sources = List.copyOf(sources);
    this.unset = List.copyOf(unset);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads the files with the compose reader. A required variable that is not set is given a
   * placeholder (its name in lower case) and noted, so that the rest of the file is still read.
   *
   * @param files absolute, in order (a base file, then its override)
   */
  static Loaded load(List<Path> files, Map<String, String> environment, SourceNames names) {
    List<String> display = files.stream().map(names::name).toList();
    List<ComposeSource> sources = new ArrayList<>();
    try {
      for (Path f : files) {
        sources.add(ComposeSource.read(names.name(f), Files.readString(f, StandardCharsets.UTF_8)));
      }
    } catch (BerthException e) {
      return failed(display, e, names, files.get(0));
    } catch (IOException e) {
      return new Loaded(
          Optional.empty(),
          display,
          List.of(
              Diagnostic.error(
                  "compose-read",
                  "cannot read " + display.get(0) + ": " + e.getMessage(),
                  SourceRange.file(display.get(0)))));
    }
    Map<String, String> env = new HashMap<>(environment);
    NOT_EXPORTED.forEach(env::remove);
    List<Unset> unset = new ArrayList<>();
    Path dir = files.get(0).getParent();
    LoadOptions options =
        LoadOptions.of(dir, env).withFiles(files.stream().map(Path::toString).toList());
    for (int tries = 0; ; tries++) {
      try {
        ComposeProject project = ComposeLoader.load(withEnvironment(options, env));
        List<Diagnostic> warnings = new ArrayList<>();
        for (Diagnostic w : project.warnings()) {
          Diagnostic d = names.diagnostic(w);
          warnings.add(d);
          Matcher m = UNSET.matcher(d.message());
          if (d.code().equals("compose-unset-variable") && m.find()) {
            unset.add(new Unset(m.group(1), false, d.range()));
          }
        }
        return new Loaded(
            Optional.of(new ComposeFile(project, sources, unset, warnings)), display, List.of());
      } catch (BerthException e) {
        Optional<String> name = requiredName(e);
        if (name.isEmpty()
            || tries >= MAX_PLACEHOLDERS
            || !env.getOrDefault(name.get(), "").isEmpty()) {
          return failed(display, e, names, files.get(0));
        }
        env.put(name.get(), name.get().toLowerCase(Locale.ROOT));
        unset.add(new Unset(name.get(), true, names.range(e.first().range())));
      }
    }
  }

  private static LoadOptions withEnvironment(LoadOptions o, Map<String, String> env) {
    return new LoadOptions(
        o.currentDirectory(),
        o.files(),
        o.projectDirectory(),
        o.projectName(),
        o.profiles(),
        o.envFiles(),
        env,
        o.stdin(),
        o.platform());
  }

  private static Optional<String> requiredName(BerthException e) {
    if (e.diagnostics().isEmpty() || !e.first().code().equals("compose-required-variable")) {
      return Optional.empty();
    }
    Matcher m = REQUIRED.matcher(e.first().message());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Loaded failed(
      List<String> display, BerthException e, SourceNames names, Path first) {
    List<Diagnostic> errors = new ArrayList<>();
    e.diagnostics().forEach(d -> errors.add(names.diagnostic(d)));
    if (errors.isEmpty()) {
      errors.add(Diagnostic.error(e.code(), e.getMessage(), SourceRange.file(names.name(first))));
    }
    return new Loaded(Optional.empty(), display, errors);
  }

  ComposeProject project() {
    return project;
  }

  List<ComposeSource> sources() {
    return sources;
  }

  List<Unset> unset() {
    return unset;
  }

  /**
   * Whether the environment the check interpolated with has the variable of its own: from .env (UID
   * and GID are not taken from the shell), not as a placeholder for a required one.
   */
  boolean sets(String name) {
    return project.environment().containsKey(name)
        && unset.stream().noneMatch(u -> u.required() && u.name().equals(name));
  }

  /** What the compose reader warned about, with the files named as the report names them. */
  List<Diagnostic> warnings() {
    return warnings;
  }

  /** The file that writes the value at {@code path}: the last one (overrides win). */
  Optional<ComposeSource> sourceOf(String... path) {
    for (int i = sources.size() - 1; i >= 0; i--) {
      if (sources.get(i).valueRange(path).isPresent()) {
        return Optional.of(sources.get(i));
      }
    }
    return Optional.empty();
  }

  Optional<SourceRange> valueRange(String... path) {
    return sourceOf(path).flatMap(s -> s.valueRange(path));
  }

  Optional<SourceRange> keyRange(String... path) {
    return sourceOf(path).flatMap(s -> s.keyRange(path));
  }

  /** The name docker compose gives a service's image: {@code image:}, else project-service. */
  String imageOf(Service s) {
    return s.imageName(project.name());
  }

  /**
   * The builds of the enabled services that have a Dockerfile on this machine (not an inline one,
   * not a remote context), by service.
   */
  Map<String, BuildUse> builds(SourceNames names) {
    Map<String, BuildUse> out = new LinkedHashMap<>();
    for (Service s : project.services().values()) {
      if (s.build().isEmpty()
          || s.build().get().dockerfileInline().isPresent()
          || isRemote(s.build().get().context())) {
        continue;
      }
      out.put(s.name(), build(s, s.build().get(), names));
    }
    return out;
  }

  private BuildUse build(Service s, BuildConfig b, SourceNames names) {
    String[] at = {"services", s.name(), "build"};
    SourceRange range =
        valueRange(at).or(() -> keyRange("services", s.name())).orElse(names.range(s.range()));
    Path context = Path.of(b.context()).toAbsolutePath().normalize();
    Path dockerfile = context.resolve(b.dockerfile().orElse("Dockerfile")).normalize();
    SourceRange targetRange = valueRange(path(at, "target")).orElse(range);
    List<BuildUse.Arg> args = new ArrayList<>();
    Optional<ComposeSource> written = sourceOf(path(at, "args"));
    List<String> seen = new ArrayList<>();
    if (written.isPresent()) {
      ComposeSource src = written.get();
      String[] argsAt = path(at, "args");
      int items = src.size(argsAt);
      for (int i = 0; i < items; i++) {
        String[] item = path(argsAt, Integer.toString(i));
        Optional<String> text = src.text(item);
        if (text.isEmpty()) {
          continue;
        }
        int eq = text.get().indexOf('=');
        String name = (eq < 0 ? text.get() : text.get().substring(0, eq)).strip();
        seen.add(name);
        args.add(
            new BuildUse.Arg(
                name, Optional.ofNullable(b.args().get(name)), src.valueRange(item).get()));
      }
      for (String key : src.keys(argsAt)) {
        seen.add(key);
        args.add(
            new BuildUse.Arg(
                key,
                Optional.ofNullable(b.args().get(key)),
                src.keyRange(path(argsAt, key)).get()));
      }
    }
    // Args that come from elsewhere (extends, another file) are placed at the build section.
    b.args().keySet().stream()
        .filter(k -> !seen.contains(k))
        .sorted()
        .forEach(k -> args.add(new BuildUse.Arg(k, Optional.of(b.args().get(k)), range)));
    return new BuildUse(
        "service " + s.name(), dockerfile, context, b.target(), targetRange, args, s.user(), range);
  }

  /** A context docker compose fetches (a git or HTTP URL): nothing of it is on this machine. */
  private static boolean isRemote(String context) {
    return context.contains("://")
        || context.startsWith("git@")
        || context.startsWith("github.com/");
  }

  static String[] path(String[] prefix, String... more) {
    String[] out = new String[prefix.length + more.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(more, 0, out, prefix.length, more.length);
    return out;
  }
}
