package dev.berth.scaffold;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A parsed {@code pyproject.toml}, with the lines of its keys for error messages. */
final class Pyproject {

  private final String file;
  private final String[] lines;
  private final JsonNode root;

  private Pyproject(String file, String text, JsonNode root) {
    this.file = file;
    this.lines = text.split("\r?\n", -1);
    this.root = root;
  }

  static Pyproject absent() {
    return new Pyproject("pyproject.toml", "", MissingNode.getInstance());
  }

  /**
   * Parses the file's text.
   *
   * @throws BerthException at the place the TOML parser stopped, when it is not TOML
   */
  static Pyproject parse(String file, String text) throws BerthException {
    try {
      return new Pyproject(file, text, new TomlMapper().readTree(text));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      SourceRange range =
          at != null && at.getLineNr() > 0
              ? SourceRange.at(file, at.getLineNr(), Math.max(1, at.getColumnNr()))
              : SourceRange.file(file);
      throw BerthException.error(
          "bad-pyproject", "not valid TOML: " + e.getOriginalMessage(), range);
    }
  }

  boolean present() {
    return !root.isMissingNode();
  }

  String file() {
    return file;
  }

  /** The node at a dotted path of table keys ({@code "tool", "poetry"}); missing if absent. */
  JsonNode at(String... keys) {
    JsonNode n = root;
    for (String k : keys) {
      n = n.path(k);
    }
    return n;
  }

  boolean has(String... keys) {
    return !at(keys).isMissingNode();
  }

  /** A string value, or empty when absent. */
  Optional<String> string(String... keys) throws BerthException {
    JsonNode n = at(keys);
    if (n.isMissingNode()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw wrongType(keys, "a string");
    }
    return Optional.of(n.asText());
  }

  /** A list of strings (entries of other kinds, such as PEP 735 include tables, are skipped). */
  List<String> strings(String... keys) throws BerthException {
    JsonNode n = at(keys);
    if (n.isMissingNode()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw wrongType(keys, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    n.forEach(
        e -> {
          if (e.isTextual()) {
            out.add(e.asText());
          }
        });
    return out;
  }

  /** The keys of a table, in file order. */
  List<String> keys(String... keys) throws BerthException {
    JsonNode n = at(keys);
    if (n.isMissingNode()) {
      return List.of();
    }
    if (!n.isObject()) {
      throw wrongType(keys, "a table");
    }
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The entries of a table, in file order. */
  List<Map.Entry<String, JsonNode>> entries(String... keys) throws BerthException {
    JsonNode n = at(keys);
    if (n.isMissingNode()) {
      return List.of();
    }
    if (!n.isObject()) {
      throw wrongType(keys, "a table");
    }
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** An error about the value at {@code keys}, placed on the line that sets it. */
  BerthException error(String code, String message, String... keys) {
    return BerthException.error(code, message, rangeOf(keys));
  }

  private BerthException wrongType(String[] keys, String expected) {
    return error("bad-pyproject", String.join(".", keys) + " must be " + expected, keys);
  }

  /**
   * The line that sets the last key: {@code key = } inside the table the other keys name ({@code
   * [a.b]}), or written dotted ({@code b.key = }); the file when no line says so.
   */
  SourceRange rangeOf(String... keys) {
    if (keys.length == 0) {
      return SourceRange.file(file);
    }
    String last = keys[keys.length - 1];
    String table = String.join(".", List.of(keys).subList(0, keys.length - 1));
    Pattern header = Pattern.compile("\\s*\\[\\s*" + Pattern.quote(table) + "\\s*]\\s*(#.*)?");
    Pattern key = Pattern.compile("\\s*(\"?)" + Pattern.quote(last) + "\\1\\s*=.*");
    Pattern dotted =
        Pattern.compile(
            "\\s*"
                + Pattern.quote(keys.length > 1 ? keys[keys.length - 2] + "." + last : last)
                + "\\s*=.*");
    boolean inTable = table.isEmpty();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.stripLeading().startsWith("[")) {
        inTable = header.matcher(line).matches();
        continue;
      }
      if ((inTable && key.matcher(line).matches()) || dotted.matcher(line).matches()) {
        int col = line.indexOf(last.charAt(0)) + 1;
        return SourceRange.at(file, i + 1, Math.max(1, col));
      }
    }
    return SourceRange.file(file);
  }
}
