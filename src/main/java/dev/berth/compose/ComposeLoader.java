package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loads a compose project as docker compose v2 does: finds the files ({@code compose.yaml} and its
 * kin, in the folder or a parent, with an override file), reads the environment (shell first, then
 * {@code .env} or {@code --env-file}), names the project, and for each file interpolates, resolves
 * {@code extends}, merges and validates, before the whole is normalised and checked.
 */
public final class ComposeLoader {

  /** The names docker compose looks for, in its order of preference. */
  static final List<String> FILE_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  static final List<String> OVERRIDE_NAMES =
      List.of(
          "compose.override.yml",
          "compose.override.yaml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");

  private static final String STDIN = "-";

  private final LoadOptions options;
  private final List<Diagnostic> warnings = new ArrayList<>();

  private ComposeLoader(LoadOptions options) {
    this.options = options;
  }

  /** Loads the project the options describe; bad input of any kind is a BerthException. */
  public static ComposeProject load(LoadOptions options) throws BerthException {
    return new ComposeLoader(options).run();
  }

  /** docker compose's normalisation of a folder name into a project name. */
  public static String normalizeProjectName(String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        b.append(c);
      }
    }
    int start = 0;
    while (start < b.length() && (b.charAt(start) == '_' || b.charAt(start) == '-')) {
      start++;
    }
    return b.substring(start);
  }

  private ComposeProject run() throws BerthException {
    Path cwd = options.currentDirectory().toAbsolutePath().normalize();
    Map<String, String> shell = options.environment();

    // As docker compose: a first .env (of the project folder or the current one) may set
    // COMPOSE_FILE, COMPOSE_PROFILES or COMPOSE_PROJECT_NAME before the files are known.
    Path firstDir = options.projectDirectory().map(cwd::resolve).orElse(cwd);
    Map<String, String> early = withDotEnv(shell, firstDir, false);
    List<String> files = configFiles(cwd, early);
    Path workingDir =
        options.projectDirectory().map(cwd::resolve).map(Path::normalize).orElse(null);
    if (workingDir == null) {
      workingDir =
          files.stream()
              .filter(f -> !f.equals(STDIN))
              .findFirst()
              .map(f -> Path.of(f).getParent())
              .orElse(cwd);
    }
    Map<String, String> env = withDotEnv(shell, workingDir, true);

    Map<String, String> texts = new LinkedHashMap<>();
    for (String f : files) {
      texts.put(f, read(f));
    }
    Map<String, List<YNode>> docs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      docs.put(e.getKey(), YamlReader.read(e.getKey(), e.getValue()));
    }

    String name = projectName(docs, env, workingDir);
    Map<String, String> interpolationEnv = new HashMap<>(env);
    interpolationEnv.put("COMPOSE_PROJECT_NAME", name);

    YMap model = null;
    Path dir = workingDir;
    for (Map.Entry<String, List<YNode>> e : docs.entrySet()) {
      String file = e.getKey();
      for (YNode doc : e.getValue()) {
        if (!(doc instanceof YMap map)) {
          throw BerthException.error(
              "compose-type", "top-level object must be a mapping", doc.range());
        }
        Interpolation.Result r =
            Interpolation.apply(map, k -> Optional.ofNullable(interpolationEnv.get(k)));
        warnings.addAll(r.warnings());
        YMap interpolated = (YMap) r.tree();
        Path self = file.equals(STDIN) ? dir.resolve(STDIN) : Path.of(file);
        YMap extended =
            Extends.apply(
                interpolated, self, dir, (other, at) -> otherFile(other, at, interpolationEnv));
        model = model == null ? (YMap) Merger.clean(extended) : Merger.merge(model, extended);
        model = (YMap) Merger.unique(model);
        List<Diagnostic> errors = Validator.validate(model, ComposeSchema.FILE);
        if (!errors.isEmpty()) {
          throw new BerthException(errors);
        }
        if (model.has("version")) {
          warnings.add(
              Diagnostic.warning(
                  "compose-obsolete-version",
                  file
                      + ": the attribute `version` is obsolete, it will be ignored, please remove"
                      + " it to avoid potential confusion",
                  model.keyRange("version")));
          model = model.without("version");
        }
      }
    }
    if (model == null || model.entries().isEmpty()) {
      throw BerthException.error(
          "compose-empty", "empty compose file", SourceRange.file(files.get(0)));
    }

    ModelBuilder.Parts parts =
        new ModelBuilder(name, workingDir, env, options.platform(), warnings).build(model);

    List<String> profiles = new ArrayList<>(options.profiles());
    if (profiles.isEmpty() && env.containsKey("COMPOSE_PROFILES")) {
      for (String p : env.get("COMPOSE_PROFILES").split(",")) {
        if (!p.trim().isEmpty()) {
          profiles.add(p.trim());
        }
      }
    }
    Map<String, Service> enabled = new TreeMap<>();
    Map<String, Service> disabled = new TreeMap<>();
    for (Service s : parts.services().values()) {
      boolean on =
          s.profiles().isEmpty()
              || profiles.contains("*")
              || s.profiles().stream().anyMatch(profiles::contains);
      (on ? enabled : disabled).put(s.name(), s);
    }
    List<Diagnostic> errors =
        Consistency.check(
            enabled,
            disabled,
            parts.serviceNodes(),
            parts.networks(),
            parts.volumes(),
            parts.secrets());
    if (!errors.isEmpty()) {
      throw new BerthException(errors);
    }
    return new ComposeProject(
        name,
        workingDir,
        files,
        env,
        profiles,
        new TreeMap<>(enabled),
        new TreeMap<>(disabled),
        new TreeMap<>(parts.networks()),
        new TreeMap<>(parts.volumes()),
        new TreeMap<>(parts.secrets()),
        new TreeMap<>(parts.configs()),
        parts.extensions(),
        warnings);
  }

  // ---------------------------------------------------------------- files

  private List<String> configFiles(Path cwd, Map<String, String> env) throws BerthException {
    List<String> files = new ArrayList<>();
    if (!options.files().isEmpty()) {
      for (String f : options.files()) {
        files.add(existing(cwd, f));
      }
      return files;
    }
    String fromEnv = env.get("COMPOSE_FILE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      String sep = env.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
      for (String f : fromEnv.split(Pattern.quote(sep))) {
        files.add(existing(cwd, f));
      }
      return files;
    }
    Path dir = options.projectDirectory().map(cwd::resolve).map(Path::normalize).orElse(cwd);
    while (dir != null) {
      List<Path> found = present(dir, FILE_NAMES);
      if (!found.isEmpty()) {
        files.add(chosen(found, "config").toString());
        List<Path> overrides = present(dir, OVERRIDE_NAMES);
        if (!overrides.isEmpty()) {
          files.add(chosen(overrides, "override").toString());
        }
        return files;
      }
      dir = dir.getParent();
    }
    throw BerthException.error(
        "compose-no-file",
        "no configuration file provided: not found (looked for "
            + String.join(", ", FILE_NAMES)
            + " in "
            + cwd
            + " and its parents)",
        SourceRange.file(cwd.toString()));
  }

  private Path chosen(List<Path> found, String kind) {
    if (found.size() > 1) {
      warnings.add(
          Diagnostic.warning(
              "compose-multiple-files",
              "Found multiple "
                  + kind
                  + " files with supported names: "
                  + String.join(", ", found.stream().map(Path::toString).toList())
                  + "; using "
                  + found.get(0),
              SourceRange.file(found.get(0).toString())));
    }
    return found.get(0);
  }

  private static List<Path> present(Path dir, List<String> names) {
    List<Path> out = new ArrayList<>();
    for (String n : names) {
      Path p = dir.resolve(n);
      if (Files.exists(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static String existing(Path cwd, String f) throws BerthException {
    if (f.equals(STDIN)) {
      return STDIN;
    }
    Path p = cwd.resolve(f).normalize();
    if (!Files.exists(p)) {
      throw BerthException.error(
          "compose-no-file",
          "open " + p + ": no such file or directory",
          SourceRange.file(p.toString()));
    }
    return p.toString();
  }

  private String read(String file) throws BerthException {
    try {
      if (file.equals(STDIN)) {
        try (InputStream in = options.stdin().get()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw BerthException.error(
          "compose-read", "cannot read " + file + ": " + e.getMessage(), SourceRange.file(file));
    }
  }

  // ---------------------------------------------------------------- environment and name

  /** The shell's variables with those of the env files (or {@code dir/.env}) under them. */
  private Map<String, String> withDotEnv(Map<String, String> shell, Path dir, boolean strict)
      throws BerthException {
    List<Path> envFiles = new ArrayList<>();
    for (Path p : options.envFiles()) {
      envFiles.add(options.currentDirectory().toAbsolutePath().resolve(p).normalize());
    }
    boolean explicit = !envFiles.isEmpty();
    if (!explicit) {
      Path dotEnv = dir.resolve(".env");
      if (Files.isRegularFile(dotEnv)) {
        envFiles.add(dotEnv);
      }
    }
    Map<String, String> fromFiles = new LinkedHashMap<>();
    for (Path f : envFiles) {
      if (!Files.exists(f)) {
        if (strict || explicit) {
          throw BerthException.error(
              "compose-env-file", "Couldn't find env file: " + f, SourceRange.file(f.toString()));
        }
        continue;
      }
      try {
        fromFiles.putAll(
            DotEnv.parse(
                Files.readString(f, StandardCharsets.UTF_8),
                k ->
                    Optional.ofNullable(shell.get(k))
                        .or(() -> Optional.ofNullable(fromFiles.get(k)))));
      } catch (IOException e) {
        throw BerthException.error(
            "compose-env-file",
            "cannot read " + f + ": " + e.getMessage(),
            SourceRange.file(f.toString()));
      } catch (DotEnv.DotEnvException e) {
        throw BerthException.error(
            "compose-env-file",
            "failed to read " + f + ": " + e.getMessage(),
            SourceRange.at(f.toString(), e.line(), 1));
      }
    }
    Map<String, String> env = new HashMap<>(fromFiles);
    env.putAll(shell);
    return env;
  }

  private String projectName(
      Map<String, List<YNode>> docs, Map<String, String> env, Path workingDir)
      throws BerthException {
    Optional<String> explicit =
        options
            .projectName()
            .or(
                () ->
                    Optional.ofNullable(env.get("COMPOSE_PROJECT_NAME")).filter(n -> !n.isEmpty()));
    if (explicit.isPresent()) {
      String n = explicit.get();
      if (n.isEmpty() || !normalizeProjectName(n).equals(n)) {
        throw BerthException.error(
            "compose-project-name",
            "invalid project name \""
                + n
                + "\": must consist only of lowercase alphanumeric"
                + " characters, hyphens, and underscores as well as start with a letter or number",
            SourceRange.file(workingDir.toString()));
      }
      return n;
    }
    YScalar fromFile = null;
    for (List<YNode> list : docs.values()) {
      for (YNode doc : list) {
        if (doc instanceof YMap m && m.get("name") instanceof YScalar s && !s.value().isEmpty()) {
          fromFile = s;
        }
      }
    }
    if (fromFile != null) {
      String interpolated;
      try {
        interpolated = Interpolation.string(fromFile.value(), k -> Optional.ofNullable(env.get(k)));
      } catch (Template.TemplateException e) {
        throw BerthException.error(
            "compose-interpolation",
            "error while interpolating name: " + e.getMessage(),
            fromFile.range());
      }
      String normalized = normalizeProjectName(interpolated);
      if (!normalized.isEmpty()) {
        return normalized;
      }
    }
    Path base = workingDir.getFileName();
    String n = normalizeProjectName(base == null ? "" : base.toString());
    if (n.isEmpty()) {
      throw BerthException.error(
          "compose-project-name",
          "project name must not be empty; name it with -p or a top-level name:",
          SourceRange.file(workingDir.toString()));
    }
    return n;
  }

  // ---------------------------------------------------------------- extends from other files

  private YMap otherFile(Path file, SourceRange at, Map<String, String> env) throws BerthException {
    if (!Files.isRegularFile(file)) {
      throw BerthException.error("compose-extends", "cannot read " + file + ": no such file", at);
    }
    String text = read(file.toString());
    YMap model = null;
    for (YNode doc : YamlReader.read(file.toString(), text)) {
      if (!(doc instanceof YMap map)) {
        throw BerthException.error(
            "compose-type", "top-level object must be a mapping", doc.range());
      }
      Interpolation.Result r = Interpolation.apply(map, k -> Optional.ofNullable(env.get(k)));
      warnings.addAll(r.warnings());
      YMap m = rebase((YMap) r.tree(), file.getParent());
      model = model == null ? m : Merger.merge(model, m);
    }
    return model == null ? YMap.empty(SourceRange.file(file.toString())) : model;
  }

  /** A file's services with their relative paths made relative to the file's own folder. */
  private static YMap rebase(YMap model, Path dir) {
    if (!(model.get("services") instanceof YMap services)) {
      return model;
    }
    YMap out = services;
    for (String name : services.keys()) {
      if (services.get(name) instanceof YMap s) {
        out = out.with(name, rebaseService(s, dir));
      }
    }
    return model.with("services", out);
  }

  private static YMap rebaseService(YMap s, Path dir) {
    YNode build = s.get("build");
    if (build instanceof YScalar b && !ModelBuilder.isRemote(b.value())) {
      s = s.with("build", abs(b, dir));
    } else if (build instanceof YMap b
        && b.get("context") instanceof YScalar c
        && !ModelBuilder.isRemote(c.value())) {
      s = s.with("build", b.with("context", abs(c, dir)));
    } else if (build instanceof YMap b && !b.has("context")) {
      s = s.with("build", b.with("context", YScalar.string(dir.toString(), b.range())));
    }
    YNode envFile = s.get("env_file");
    if (envFile instanceof YScalar e) {
      s = s.with("env_file", abs(e, dir));
    } else if (envFile instanceof YSeq seq) {
      List<YNode> items = new ArrayList<>();
      for (YNode item : seq.items()) {
        if (item instanceof YScalar e) {
          items.add(abs(e, dir));
        } else if (item instanceof YMap m && m.get("path") instanceof YScalar p) {
          items.add(m.with("path", abs(p, dir)));
        } else {
          items.add(item);
        }
      }
      s = s.with("env_file", new YSeq(items, seq.range(), seq.tag()));
    }
    if (s.get("volumes") instanceof YSeq vols) {
      List<YNode> items = new ArrayList<>();
      for (YNode item : vols.items()) {
        if (item instanceof YScalar v && v.value().startsWith(".")) {
          int colon = v.value().indexOf(':');
          String source = colon < 0 ? v.value() : v.value().substring(0, colon);
          String rest = colon < 0 ? "" : v.value().substring(colon);
          items.add(v.withValue(dir.resolve(source).normalize() + rest, YScalar.Kind.STRING));
        } else if (item instanceof YMap m
            && m.get("type") instanceof YScalar t
            && t.value().equals("bind")
            && m.get("source") instanceof YScalar src) {
          items.add(m.with("source", abs(src, dir)));
        } else {
          items.add(item);
        }
      }
      s = s.with("volumes", new YSeq(items, vols.range(), vols.tag()));
    }
    if (s.get("extends") instanceof YMap e && e.get("file") instanceof YScalar f) {
      s = s.with("extends", e.with("file", abs(f, dir)));
    }
    return s;
  }

  private static YScalar abs(YScalar s, Path dir) {
    if (s.value().startsWith("~") || Path.of(s.value()).isAbsolute()) {
      return s;
    }
    return s.withValue(dir.resolve(s.value()).normalize().toString(), YScalar.Kind.STRING);
  }
}
