package dev.berth.devcontainer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON-with-comments file (devcontainer.json, devcontainer-feature.json): {@code //} and {@code
 * /* *}{@code /} comments and trailing commas are accepted, and the position of every value and
 * property name is kept so later checks can point at the place a value came from.
 */
public final class JsoncDocument {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();
  private static final Pattern SOURCE_IN_MESSAGE = Pattern.compile("\\[Source: [^;\\]]*; ");

  private final String file;
  private final JsonNode root;
  private final Map<String, SourceRange> values;
  private final Map<String, SourceRange> names;

  private JsoncDocument(
      String file, JsonNode root, Map<String, SourceRange> values, Map<String, SourceRange> names) {
    this.file = file;
    this.root = root;
    this.values = values;
    this.names = names;
  }

  /**
   * Parses the text of a file.
   *
   * @param file the name diagnostics give the file
   * @throws BerthException for a syntax error, at its line and column
   */
  public static JsoncDocument parse(String file, String text) throws BerthException {
    if (text.isBlank()) {
      throw BerthException.error(
          "jsonc-empty", "the file is empty; expected a JSON object", SourceRange.file(file));
    }
    Builder b = new Builder(file);
    try (JsonParser p = FACTORY.createParser(text)) {
      p.nextToken();
      JsonNode root = b.value(p, "");
      JsonToken after = p.nextToken();
      if (after != null) {
        throw BerthException.error(
            "jsonc-syntax",
            "expected the end of the file after the top-level value",
            b.at(p.currentTokenLocation()));
      }
      return new JsoncDocument(file, root, b.values, b.names);
    } catch (BerthException e) {
      throw e;
    } catch (JsonParseException e) {
      JsonLocation l = e.getLocation();
      SourceRange where =
          l == null ? SourceRange.file(file) : SourceRange.at(file, l.getLineNr(), l.getColumnNr());
      throw BerthException.error("jsonc-syntax", syntaxMessage(e), where);
    } catch (IOException e) {
      throw BerthException.error(
          "jsonc-syntax", "cannot read JSON: " + e.getMessage(), SourceRange.file(file));
    }
  }

  private static String syntaxMessage(JsonParseException e) {
    String m = e.getOriginalMessage();
    int newline = m.indexOf('\n');
    if (newline >= 0) {
      m = m.substring(0, newline);
    }
    m = SOURCE_IN_MESSAGE.matcher(m).replaceAll("[");
    return "invalid JSON: " + m;
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * Where the value at a JSON pointer ({@code /build/args/X}) starts; for a pointer that names
   * nothing in the file, the nearest enclosing value, and the whole file at worst.
   */
  public SourceRange rangeOf(String pointer) {
    String p = pointer;
    while (true) {
      SourceRange r = values.get(p);
      if (r != null) {
        return r;
      }
      if (p.isEmpty()) {
        return SourceRange.file(file);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** Where the property name that a pointer ends in is written, or else where its value is. */
  public SourceRange nameRangeOf(String pointer) {
    SourceRange r = names.get(pointer);
    return r != null ? r : rangeOf(pointer);
  }

  /** The pointer of a property of an object at {@code parent}, escaped as RFC 6901 says. */
  public static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer of an element of an array at {@code parent}. */
  public static String child(String parent, int index) {
    return parent + "/" + index;
  }

  private static final class Builder {
    private final String file;
    private final Map<String, SourceRange> values = new HashMap<>();
    private final Map<String, SourceRange> names = new HashMap<>();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    Builder(String file) {
      this.file = file;
    }

    SourceRange at(JsonLocation l) {
      return SourceRange.at(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    JsonNode value(JsonParser p, String pointer) throws IOException {
      JsonToken t = p.currentToken();
      values.put(pointer, at(p.currentTokenLocation()));
      switch (t) {
        case START_OBJECT -> {
          ObjectNode o = nodes.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String childPointer = child(pointer, name);
            names.put(childPointer, at(p.currentTokenLocation()));
            p.nextToken();
            o.set(name, value(p, childPointer));
          }
          return o;
        }
        case START_ARRAY -> {
          ArrayNode a = nodes.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(p, child(pointer, i++)));
          }
          return a;
        }
        case VALUE_STRING -> {
          return nodes.textNode(p.getText());
        }
        case VALUE_NUMBER_INT -> {
          return Json.number(new BigDecimal(p.getBigIntegerValue()));
        }
        case VALUE_NUMBER_FLOAT -> {
          return Json.number(p.getDecimalValue());
        }
        case VALUE_TRUE -> {
          return nodes.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return nodes.booleanNode(false);
        }
        case VALUE_NULL -> {
          return nodes.nullNode();
        }
        default -> throw new JsonParseException(p, "unexpected " + t);
      }
    }
  }
}
