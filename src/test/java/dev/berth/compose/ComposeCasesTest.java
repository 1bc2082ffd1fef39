package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases (src/test/resources/compose/cases/NAME/): the compose files, optional {@code args}
 * ({@code -f}, {@code --profile}, {@code --env-file}, {@code -p}) and {@code env} (the shell), and
 * either {@code expected.json} (the config JSON, the case folder written as {@code $CASE}) or
 * {@code expected-error.txt} ({@code file:line:col: message} of the first error). Adding a case is
 * adding a folder; {@code BERTH_UPDATE_GOLDEN=1} writes the expected JSON of new cases.
 */
class ComposeCasesTest {

  private static final Path CASES = Path.of("src/test/resources/compose/cases");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseGivesItsExpectedOutput(String name) throws IOException {
    Path dir = CASES.resolve(name).toAbsolutePath();
    LoadOptions options = options(dir);
    Path expectedError = dir.resolve("expected-error.txt");
    Path expectedJson = dir.resolve("expected.json");
    try {
      ComposeProject project = ComposeLoader.load(options);
      String json = project.toJson().replace(dir.toString(), "$CASE");
      if (Files.exists(expectedError)) {
        fail("expected an error, got " + json);
      }
      if (!Files.exists(expectedJson) && "1".equals(System.getenv("BERTH_UPDATE_GOLDEN"))) {
        Files.writeString(expectedJson, json);
      }
      assertThat(json).isEqualTo(Files.readString(expectedJson, StandardCharsets.UTF_8));
    } catch (BerthException e) {
      Diagnostic d = e.first();
      String actual =
          d.range().file().replace(dir.toString() + "/", "")
              + ":"
              + d.range().startLine()
              + ":"
              + d.range().startColumn()
              + ": "
              + d.message().replace(dir.toString() + "/", "");
      if (!Files.exists(expectedError) && "1".equals(System.getenv("BERTH_UPDATE_GOLDEN"))) {
        Files.writeString(expectedError, actual + "\n");
      }
      assertThat(actual).isEqualTo(Files.readString(expectedError, StandardCharsets.UTF_8).strip());
    }
  }

  static LoadOptions options(Path dir) throws IOException {
    Map<String, String> env = new HashMap<>();
    if (Files.exists(dir.resolve("env"))) {
      for (String line : Files.readAllLines(dir.resolve("env"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    LoadOptions o = LoadOptions.of(dir, env);
    List<String> args = new ArrayList<>();
    if (Files.exists(dir.resolve("args"))) {
      for (String line : Files.readAllLines(dir.resolve("args"))) {
        for (String w : line.trim().split("\\s+", 2)) {
          if (!w.isEmpty()) {
            args.add(w);
          }
        }
      }
    }
    List<String> files = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    List<Path> envFiles = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      String v = args.get(i + 1);
      switch (args.get(i)) {
        case "-f" -> files.add(v);
        case "--profile" -> profiles.add(v);
        case "--env-file" -> envFiles.add(dir.resolve(v));
        case "-p" -> o = o.withProjectName(v);
        default -> throw new IllegalArgumentException(args.get(i));
      }
    }
    return o.withFiles(files).withProfiles(profiles).withEnvFiles(envFiles);
  }
}
