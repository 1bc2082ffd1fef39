package dev.berth.devcontainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.provider.Arguments;

/** The pipe-separated tables under src/test/resources/devcontainer: {@code input | expected}. */
final class Tables {

  static final Path ROOT = Path.of("src/test/resources/devcontainer");
  private static final Pattern ROW = Pattern.compile("^(.*?) \\|(?: (.*))?$");

  private Tables() {}

  /** Each row's two columns; {@code #} lines and blank lines are comments. */
  static List<Arguments> rows(String name) {
    try {
      List<Arguments> rows = new ArrayList<>();
      for (String line : Files.readAllLines(ROOT.resolve(name), StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = ROW.matcher(line);
        if (!m.matches()) {
          throw new IllegalStateException(name + ": not a row: " + line);
        }
        rows.add(Arguments.of(m.group(1).strip(), m.group(2) == null ? "" : m.group(2)));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
