package dev.berth.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case of the cross-file table: the files of a project, the folders to make in it, and the
 * findings expected as {@code Rule file:line:col}, one a line.
 *
 * <p>The file is a header of {@code # key: value} lines, then sections opened by {@code --- path}
 * (each a file of the project, such as {@code Dockerfile}, {@code compose.yaml} or {@code
 * .devcontainer/devcontainer.json}) and the {@code --- expect} and {@code --- errors} sections.
 * Header keys: {@code rules} (the rules the case is about; only their findings are compared),
 * {@code mkdir} (folders to make, which git cannot keep: {@code .git}, empty ones), {@code env}
 * ({@code NAME=value}, repeatable: the shell environment), {@code target} (the command line's).
 */
record ProjectCase(
    String name,
    Map<String, String> files,
    Set<String> rules,
    List<String> folders,
    Map<String, String> environment,
    Optional<String> target,
    List<String> expect,
    List<String> errors) {

  static List<ProjectCase> load() {
    Path root = Path.of("src/test/resources/check/projects");
    try (Stream<Path> files = Files.list(root)) {
      return files
          .filter(p -> p.toString().endsWith(".case"))
          .sorted()
          .map(ProjectCase::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProjectCase read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    Set<String> rules = new LinkedHashSet<>();
    List<String> folders = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    Optional<String> target = Optional.empty();
    StringBuilder current = null;
    for (String line : lines) {
      if (line.startsWith("--- ")) {
        current = new StringBuilder();
        sections.put(line.substring(4).strip(), current);
      } else if (current != null) {
        current.append(line).append('\n');
      } else if (line.startsWith("# rules:")) {
        rules.addAll(List.of(line.substring(8).strip().split("[ ,]+")));
      } else if (line.startsWith("# mkdir:")) {
        folders.addAll(List.of(line.substring(8).strip().split("\\s+")));
      } else if (line.startsWith("# env:")) {
        String kv = line.substring(6).strip();
        int eq = kv.indexOf('=');
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      } else if (line.startsWith("# target:")) {
        target = Optional.of(line.substring(9).strip());
      }
    }
    if (!sections.containsKey("expect")) {
      throw new IllegalArgumentException(file + ": needs '--- expect'");
    }
    Map<String, String> files = new LinkedHashMap<>();
    sections.forEach(
        (k, v) -> {
          if (!k.equals("expect") && !k.equals("errors")) {
            files.put(k, v.toString());
          }
        });
    return new ProjectCase(
        file.getFileName().toString().replace(".case", ""),
        files,
        rules,
        folders,
        env,
        target,
        entries(sections.get("expect")),
        entries(sections.getOrDefault("errors", new StringBuilder())));
  }

  private static List<String> entries(StringBuilder section) {
    List<String> out = new ArrayList<>();
    for (String l : section.toString().split("\n")) {
      String t = l.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(t.replaceAll("\\s+", " "));
      }
    }
    return out.stream().sorted().toList();
  }

  /** Writes the project into {@code dir} and checks it there. */
  ProjectChecker.Result run(Path dir) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    for (String folder : folders) {
      Files.createDirectories(dir.resolve(folder));
    }
    ProjectChecker.Request r = ProjectChecker.Request.of(dir);
    return new ProjectChecker()
        .check(
            new ProjectChecker.Request(
                dir,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                target,
                Map.of(),
                environment,
                r.findOthers()));
  }

  /** The findings of the rules the case is about, as {@code Rule file:line:col}, sorted. */
  List<String> actual(ProjectChecker.Result result, Path dir) {
    List<String> out = new ArrayList<>();
    for (CheckReport report : result.reports()) {
      for (Finding f : report.findings()) {
        if (rules.isEmpty() || rules.contains(f.rule().name())) {
          out.add(
              f.rule().name()
                  + " "
                  + where(f.range().file(), dir)
                  + ":"
                  + f.line()
                  + ":"
                  + f.range().startColumn());
        }
      }
    }
    return out.stream().sorted().toList();
  }

  List<String> actualErrors(ProjectChecker.Result result, Path dir) {
    List<String> out = new ArrayList<>();
    for (CheckReport report : result.reports()) {
      report
          .errors()
          .forEach(
              d ->
                  out.add(
                      d.code() + " " + where(d.range().file(), dir) + ":" + d.range().startLine()));
    }
    return out.stream().sorted().toList();
  }

  private static String where(String file, Path dir) {
    Path p = Path.of(file);
    return p.startsWith(dir) ? dir.relativize(p).toString() : file;
  }

  @Override
  public String toString() {
    return name;
  }
}
