package dev.berth.scaffold;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** The fixture projects and golden cases under src/test/resources/scaffold. */
final class Fixtures {

  static final Path PROJECTS = Path.of("src/test/resources/scaffold/projects");
  static final Path GOLDEN = Path.of("src/test/resources/scaffold/golden");

  private Fixtures() {}

  static Path project(String name) {
    return PROJECTS.resolve(name);
  }

  /**
   * A golden case's fixture and options: {@code case.properties} beside the expected files names
   * the fixture ({@code fixture=}, else the case's own name; or {@code project=} a folder of the
   * repository) and init's options by their flag names ({@code base=}, {@code prod-base=}, {@code
   * offline=true}, ...).
   */
  record Case(String name, Path project, ScaffoldOptions options) {}

  static Case goldenCase(Path dir) throws IOException {
    Properties p = new Properties();
    Path file = dir.resolve("case.properties");
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    String name = dir.getFileName().toString();
    ScaffoldOptions o =
        new ScaffoldOptions(
            opt(p, "tool").map(t -> Tool.valueOf(t.toUpperCase(Locale.ROOT))),
            opt(p, "python"),
            opt(p, "base"),
            opt(p, "prod-base"),
            opt(p, "name"),
            opt(p, "port").map(Integer::valueOf),
            Boolean.parseBoolean(p.getProperty("offline", "false")),
            Boolean.parseBoolean(p.getProperty("cache-mounts", "true")));
    Path project =
        p.containsKey("project")
            ? Path.of(p.getProperty("project"))
            : project(p.getProperty("fixture", name));
    return new Case(name, project, o);
  }

  private static Optional<String> opt(Properties p, String key) {
    return Optional.ofNullable(p.getProperty(key));
  }
}
