package dev.berth.check;

import dev.berth.context.DockerIgnore;
import dev.berth.diag.BerthException;
import dev.berth.image.Platform;
import dev.berth.plan.BaseImageConfigs;
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
 * One case of the check tables: a Dockerfile (and maybe a .dockerignore), the options of the check,
 * and the findings expected as {@code Rule line}, one a line.
 *
 * <p>The file is a header of {@code # key: value} lines, then sections opened by {@code --- name}:
 * {@code Dockerfile}, {@code .dockerignore}, {@code expect}, {@code errors}. Header keys: {@code
 * rules} (the rules the case is about; only their findings are compared), {@code target}, {@code
 * build-arg} (repeatable), {@code base-platform} ({@code image=os/arch}, what the base image was
 * pulled for).
 */
record CheckCase(
    String name,
    String dockerfile,
    Optional<String> dockerignore,
    Set<String> rules,
    Optional<String> target,
    Map<String, String> buildArgs,
    Map<String, String> basePlatforms,
    List<String> expect,
    List<String> errors) {

  static List<CheckCase> load(String dir) {
    Path root = Path.of("src/test/resources/check", dir);
    try (Stream<Path> files = Files.list(root)) {
      return files
          .filter(p -> p.toString().endsWith(".case"))
          .sorted()
          .map(CheckCase::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CheckCase read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    Set<String> rules = new LinkedHashSet<>();
    Optional<String> target = Optional.empty();
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, String> platforms = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String line : lines) {
      if (line.startsWith("--- ")) {
        current = new StringBuilder();
        sections.put(line.substring(4).strip(), current);
      } else if (current != null) {
        current.append(line).append('\n');
      } else if (line.startsWith("# rules:")) {
        for (String r : line.substring(8).strip().split("[ ,]+")) {
          rules.add(r);
        }
      } else if (line.startsWith("# target:")) {
        target = Optional.of(line.substring(9).strip());
      } else if (line.startsWith("# build-arg:")) {
        String kv = line.substring(12).strip();
        int eq = kv.indexOf('=');
        args.put(kv.substring(0, eq), kv.substring(eq + 1));
      } else if (line.startsWith("# base-platform:")) {
        String kv = line.substring(16).strip();
        int eq = kv.lastIndexOf('=');
        platforms.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    if (!sections.containsKey("Dockerfile") || !sections.containsKey("expect")) {
      throw new IllegalArgumentException(file + ": needs '--- Dockerfile' and '--- expect'");
    }
    String name = file.getFileName().toString().replace(".case", "");
    return new CheckCase(
        name,
        sections.get("Dockerfile").toString(),
        Optional.ofNullable(sections.get(".dockerignore")).map(StringBuilder::toString),
        rules,
        target,
        args,
        platforms,
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

  CheckOptions options() {
    DockerIgnore ignore;
    try {
      ignore =
          dockerignore.isPresent()
              ? DockerIgnore.parse(".dockerignore", dockerignore.get())
              : DockerIgnore.none();
    } catch (BerthException e) {
      throw new IllegalArgumentException(name + ": bad .dockerignore: " + e.getMessage(), e);
    }
    return CheckOptions.defaults()
        .withTarget(target)
        .withBuildArgs(buildArgs)
        .withIgnored(ignore::matches)
        .withBases(
            BaseImageConfigs.none(),
            ref ->
                Optional.ofNullable(basePlatforms.get(ref))
                    .map(p -> p.split("/"))
                    .map(p -> Platform.of(p[0], p[1], p.length > 2 ? p[2] : "")))
        .withPlatforms(Platform.of("linux", "amd64", ""), Platform.of("linux", "amd64", ""));
  }

  /** The findings of the rules the case is about, as {@code Rule line}, sorted. */
  List<String> actual(CheckReport report) {
    return report.findings().stream()
        .filter(f -> rules.isEmpty() || rules.contains(f.rule().name()))
        .map(f -> f.rule().name() + " " + f.line())
        .sorted()
        .toList();
  }

  List<String> actualErrors(CheckReport report) {
    return report.errors().stream()
        .map(d -> d.code() + " " + d.range().startLine())
        .sorted()
        .toList();
  }

  @Override
  public String toString() {
    return name;
  }
}
