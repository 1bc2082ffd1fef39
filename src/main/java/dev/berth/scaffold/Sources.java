package dev.berth.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the project's code looks like: its layout, its packages, which of them run with {@code
 * python -m}, top-level scripts, and a web application object if there is one.
 *
 * @param packages the importable top-level packages
 * @param mainPackages the packages with a {@code __main__.py}
 * @param scripts top-level modules that run as scripts ({@code if __name__ == "__main__"})
 */
record Sources(
    Layout layout,
    List<String> packages,
    List<String> mainPackages,
    List<String> scripts,
    Optional<AppObject> app) {

  /** Folders at the top that hold no code of the project's own. */
  private static final Set<String> NOT_CODE =
      Set.of(
          "tests",
          "test",
          "docs",
          "doc",
          "examples",
          "scripts",
          "build",
          "dist",
          "venv",
          "env",
          "node_modules",
          "site-packages");

  private static final Pattern APP =
      Pattern.compile(
          "^([A-Za-z_][A-Za-z0-9_]*)\\s*(?::[^=]+)?=\\s*(?:[A-Za-z_.]+\\.)?(FastAPI|Starlette|Flask)\\(",
          Pattern.MULTILINE);
  private static final Pattern MAIN_GUARD =
      Pattern.compile("^if\\s+__name__\\s*==\\s*['\"]__main__['\"]\\s*:", Pattern.MULTILINE);
  private static final int MAX_FILES = 2000;
  private static final long MAX_SIZE = 1 << 20;

  Sources {
    Objects.requireNonNull(layout, "layout");
    packages = List.copyOf(packages);
    mainPackages = List.copyOf(mainPackages);
    scripts = List.copyOf(scripts);
    Objects.requireNonNull(app, "app");
  }

  /** Looks at {@code dir}'s code. */
  static Sources scan(Path dir) throws IOException {
    Path src = dir.resolve("src");
    List<String> packages = packagesIn(src);
    Layout layout = Layout.SRC;
    Path root = src;
    if (packages.isEmpty()) {
      packages = packagesIn(dir);
      layout = Layout.FLAT;
      root = dir;
    }
    List<String> modules = modulesIn(dir);
    if (packages.isEmpty()) {
      layout = modules.isEmpty() ? Layout.NONE : Layout.MODULES;
    }
    List<String> mainPackages = new ArrayList<>();
    for (String p : packages) {
      if (Files.isRegularFile(root.resolve(p).resolve("__main__.py"))) {
        mainPackages.add(p);
      }
    }
    List<String> scripts = new ArrayList<>();
    for (String m : modules) {
      if (MAIN_GUARD.matcher(read(dir.resolve(m + ".py"))).find()) {
        scripts.add(m);
      }
    }
    Optional<AppObject> app = findApp(root, packages);
    if (app.isEmpty()) {
      app = findApp(dir, modules);
    }
    if (app.isEmpty()) {
      app = django(dir, root, packages);
    }
    return new Sources(layout, packages, mainPackages, scripts, app);
  }

  private static List<String> packagesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("__init__.py")))
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !NOT_CODE.contains(n) && isIdentifier(n))
          .sorted()
          .toList();
    }
  }

  private static List<String> modulesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".py"))
          .map(n -> n.substring(0, n.length() - 3))
          .filter(n -> isIdentifier(n) && !Set.of("setup", "conftest", "manage").contains(n))
          .sorted()
          .toList();
    }
  }

  private static boolean isIdentifier(String n) {
    return n.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /** The first application object, looking at shallow modules first. */
  private static Optional<AppObject> findApp(Path root, List<String> names) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String n : names) {
      Path p = root.resolve(n);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p, 4)) {
          s.filter(f -> f.toString().endsWith(".py") && Files.isRegularFile(f))
              .limit(MAX_FILES)
              .forEach(files::add);
        }
      } else {
        files.add(root.resolve(n + ".py"));
      }
    }
    files.sort(
        (a, b) ->
            a.getNameCount() != b.getNameCount()
                ? Integer.compare(a.getNameCount(), b.getNameCount())
                : a.compareTo(b));
    for (Path f : files) {
      Matcher m = APP.matcher(read(f));
      if (m.find()) {
        String module = moduleName(root.relativize(f));
        return Optional.of(
            new AppObject(m.group(2).toLowerCase(Locale.ROOT), module + ":" + m.group(1)));
      }
    }
    return Optional.empty();
  }

  private static Optional<AppObject> django(Path dir, Path root, List<String> packages) {
    if (!Files.isRegularFile(dir.resolve("manage.py"))) {
      return Optional.empty();
    }
    for (String p : packages) {
      if (Files.isRegularFile(root.resolve(p).resolve("wsgi.py"))) {
        return Optional.of(new AppObject("django", p + ".wsgi"));
      }
    }
    return Optional.empty();
  }

  private static String moduleName(Path relative) {
    String s = relative.toString().replace('\\', '/');
    s = s.substring(0, s.length() - ".py".length());
    if (s.endsWith("/__init__")) {
      s = s.substring(0, s.length() - "/__init__".length());
    }
    return s.replace('/', '.');
  }

  private static String read(Path f) throws IOException {
    if (Files.size(f) > MAX_SIZE) {
      return "";
    }
    return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
  }
}
