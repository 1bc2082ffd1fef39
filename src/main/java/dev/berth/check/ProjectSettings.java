package dev.berth.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A project's settings for {@code berth check}, from the {@code [tool.berth.check]} table of its
 * {@code pyproject.toml}: {@code skip = ["RuleName", ...]} switches rules off for every file.
 */
public record ProjectSettings(Set<String> skip) {

  public ProjectSettings {
    skip = Set.copyOf(skip);
  }

  public static ProjectSettings none() {
    return new ProjectSettings(Set.of());
  }

  /**
   * Reads the settings from pyproject.toml text.
   *
   * @throws BerthException when the file is not TOML, or the table has a {@code skip} that is not a
   *     list of known rule names
   */
  public static ProjectSettings fromPyproject(String fileName, String text) throws BerthException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (IOException e) {
      throw BerthException.error(
          "bad-pyproject",
          "pyproject.toml is not valid TOML: " + firstLine(e.getMessage()),
          SourceRange.file(fileName));
    }
    JsonNode table = root.path("tool").path("berth").path("check");
    if (table.isMissingNode()) {
      return none();
    }
    JsonNode skip = table.path("skip");
    if (skip.isMissingNode()) {
      return none();
    }
    if (!skip.isArray()) {
      throw bad(fileName, "[tool.berth.check] skip must be a list of rule names");
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : skip) {
      if (!n.isTextual()) {
        throw bad(fileName, "[tool.berth.check] skip must be a list of rule names, not " + n);
      }
      if (Rules.named(n.asText()).isEmpty()) {
        throw bad(
            fileName,
            "[tool.berth.check] skip names an unknown rule '"
                + n.asText()
                + "' (berth check --help lists them)");
      }
      names.add(n.asText());
    }
    return new ProjectSettings(names);
  }

  private static BerthException bad(String file, String message) {
    return BerthException.error("bad-check-settings", message, SourceRange.file(file));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
