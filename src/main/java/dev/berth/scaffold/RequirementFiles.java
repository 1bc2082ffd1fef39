package dev.berth.scaffold;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A project's pip requirement files: the runtime one ({@code requirements.txt}), the development
 * ones ({@code requirements-dev.txt}, {@code test-requirements.txt}, ...), and every file they pull
 * in with {@code -r} or {@code -c}, which the image needs beside them.
 *
 * @param main the runtime file, relative to the project
 * @param mainClosure the runtime file and the files it includes
 * @param dev the development files
 * @param devOnly the files the development ones include that the runtime closure does not hold
 * @param names the normalised distribution names the runtime closure requires
 */
record RequirementFiles(
    Optional<String> main,
    List<String> mainClosure,
    List<String> dev,
    List<String> devOnly,
    Set<String> names) {

  static final RequirementFiles NONE =
      new RequirementFiles(Optional.empty(), List.of(), List.of(), List.of(), Set.of());

  private static final Pattern FILE_NAME =
      Pattern.compile("(?:[A-Za-z0-9._-]*[-_.])?requirements(?:[-_.][A-Za-z0-9._-]*)?\\.txt");
  private static final Pattern DEV_NAME =
      Pattern.compile(".*(dev|test|tests|testing|lint|docs|ci|typing).*");
  private static final Pattern INCLUDE =
      Pattern.compile("(?:-r|-c|--requirement|--constraint)(?:\\s*=\\s*|\\s+|(?=[^\\s-]))(\\S+)");
  private static final Pattern SELF =
      Pattern.compile("(?:(?:-e|--editable)\\s+)?(?:\\.|\\./|file:\\.|\\.\\[.*])\\s*(?:#.*)?");

  RequirementFiles {
    Objects.requireNonNull(main, "main");
    mainClosure = List.copyOf(mainClosure);
    dev = List.copyOf(dev);
    devOnly = List.copyOf(devOnly);
    names = Set.copyOf(names);
  }

  boolean present() {
    return main.isPresent() || !dev.isEmpty();
  }

  /**
   * Finds the requirement files at the top of {@code dir}.
   *
   * @throws BerthException when one installs the project itself ({@code -e .}), which cannot run
   *     before the sources are copied, or includes a file that is missing
   */
  static RequirementFiles read(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> FILE_NAME.matcher(n).matches())
          .sorted()
          .forEach(found::add);
    }
    if (found.isEmpty()) {
      return NONE;
    }
    Optional<String> main =
        found.contains("requirements.txt")
            ? Optional.of("requirements.txt")
            : found.stream().filter(n -> !DEV_NAME.matcher(n).matches()).findFirst();
    List<String> dev = new ArrayList<>();
    for (String n : found) {
      if (!main.map(n::equals).orElse(false) && DEV_NAME.matcher(n).matches()) {
        dev.add(n);
      }
    }
    Set<String> closure = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    if (main.isPresent()) {
      collect(dir, main.get(), closure, names);
    }
    Set<String> devClosure = new LinkedHashSet<>();
    for (String d : dev) {
      collect(dir, d, devClosure, new LinkedHashSet<>());
    }
    devClosure.removeAll(closure);
    return new RequirementFiles(main, List.copyOf(closure), dev, List.copyOf(devClosure), names);
  }

  private static void collect(Path dir, String file, Set<String> closure, Set<String> names)
      throws IOException {
    if (!closure.add(file)) {
      return;
    }
    Path path = dir.resolve(file);
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var include = INCLUDE.matcher(line);
      if (include.lookingAt()) {
        String target = include.group(1);
        Path resolved = path.getParent().resolve(target).normalize();
        if (!resolved.startsWith(dir.normalize()) || !Files.isRegularFile(resolved)) {
          throw BerthException.error(
              "requirements-include",
              "'"
                  + target
                  + "' is not a file in the project: the image can copy only files from the build"
                  + " context",
              SourceRange.at(path.toString(), i + 1, include.start(1) + 1));
        }
        collect(dir, dir.normalize().relativize(resolved).toString(), closure, names);
        continue;
      }
      if (SELF.matcher(line).matches()) {
        throw BerthException.error(
            "requirements-self",
            "'"
                + line
                + "' installs the project itself, which needs its sources; the requirement files"
                + " are installed before the sources are copied (berth init installs the project"
                + " after them): remove the line",
            SourceRange.at(path.toString(), i + 1, 1));
      }
      if (line.startsWith("-")) {
        continue;
      }
      Pep508.name(line).ifPresent(names::add);
    }
  }
}
