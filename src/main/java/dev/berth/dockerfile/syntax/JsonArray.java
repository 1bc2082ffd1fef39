package dev.berth.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the exec form: arguments that are a JSON array of strings. Like BuildKit, text that is not
 * a complete, valid JSON array is not an error (the instruction falls back to shell form), but a
 * valid array holding anything other than strings is.
 */
final class JsonArray {

  /** What the arguments turned out to be. */
  sealed interface Result permits NotArray, Strings, NotStrings {}

  /** Not a JSON array: read the arguments in shell form. */
  record NotArray() implements Result {}

  /** A JSON array of strings. */
  record Strings(List<String> values) implements Result {}

  /** A valid JSON array with an element that is not a string, starting at {@code index}. */
  record NotStrings(int index) implements Result {}

  // Deeper nesting than Go's decoder accepts makes it fail, and so fall back to shell form.
  private static final int MAX_DEPTH = 10_000;

  private final String text;
  private final int end;
  private int pos;

  private JsonArray(String text, int pos, int end) {
    this.text = text;
    this.pos = pos;
    this.end = end;
  }

  static Result parse(String text, int from, int to) {
    int start = Whitespace.skipSpace(text, from, to);
    if (start >= to || text.charAt(start) != '[') {
      return new NotArray();
    }
    return new JsonArray(text, start, to).array();
  }

  private enum Mode {
    VALUE,
    KEY,
    AFTER
  }

  /**
   * Checks the whole input iteratively (an explicit stack, so deep nesting cannot overflow ours)
   * and collects the top-level elements.
   */
  private Result array() {
    List<String> strings = new ArrayList<>();
    int firstNonString = -1;
    StringBuilder stack = new StringBuilder(); // '[' or '{' per open container
    Mode mode = Mode.VALUE;
    while (true) {
      skipJsonSpace();
      if (mode == Mode.AFTER) {
        if (stack.length() == 0) {
          return pos == end
              ? (firstNonString >= 0 ? new NotStrings(firstNonString) : new Strings(strings))
              : new NotArray();
        }
        if (pos >= end) {
          return new NotArray();
        }
        char open = stack.charAt(stack.length() - 1);
        char c = text.charAt(pos++);
        if (c == ',') {
          mode = open == '[' ? Mode.VALUE : Mode.KEY;
        } else if ((c == ']' && open == '[') || (c == '}' && open == '{')) {
          stack.setLength(stack.length() - 1);
        } else {
          return new NotArray();
        }
        continue;
      }
      if (pos >= end) {
        return new NotArray();
      }
      if (mode == Mode.KEY) {
        if (text.charAt(pos) != '"' || string(null) < 0) {
          return new NotArray();
        }
        skipJsonSpace();
        if (pos >= end || text.charAt(pos) != ':') {
          return new NotArray();
        }
        pos++;
        mode = Mode.VALUE;
        continue;
      }
      // Mode.VALUE
      boolean topLevelElement = stack.length() == 1 && stack.charAt(0) == '[';
      int valueStart = pos;
      char c = text.charAt(pos);
      if (topLevelElement && c != '"' && firstNonString < 0) {
        firstNonString = valueStart;
      }
      if (c == '[' || c == '{') {
        if (stack.length() >= MAX_DEPTH) {
          return new NotArray();
        }
        stack.append(c);
        pos++;
        skipJsonSpace();
        char close = c == '[' ? ']' : '}';
        if (pos < end && text.charAt(pos) == close) {
          pos++;
          stack.setLength(stack.length() - 1);
          mode = Mode.AFTER;
        } else {
          mode = c == '[' ? Mode.VALUE : Mode.KEY;
        }
        continue;
      }
      boolean ok;
      if (c == '"') {
        StringBuilder value = topLevelElement ? new StringBuilder() : null;
        ok = string(value) >= 0;
        if (ok && value != null) {
          strings.add(value.toString());
        }
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        ok = number();
      } else {
        ok = literal("true") || literal("false") || literal("null");
      }
      if (!ok) {
        return new NotArray();
      }
      mode = Mode.AFTER;
    }
  }

  private void skipJsonSpace() {
    while (pos < end) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean literal(String word) {
    if (text.startsWith(word, pos) && pos + word.length() <= end) {
      pos += word.length();
      return true;
    }
    return false;
  }

  private boolean number() {
    if (text.charAt(pos) == '-') {
      pos++;
    }
    if (pos >= end) {
      return false;
    }
    if (text.charAt(pos) == '0') {
      pos++;
    } else if (!digits()) {
      return false;
    }
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      if (!digits()) {
        return false;
      }
    }
    if (pos < end && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < end && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      return digits();
    }
    return true;
  }

  private boolean digits() {
    int start = pos;
    while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  /**
   * Reads a string literal at {@code pos} (on its opening quote), decoding it into {@code out} when
   * given. Returns the index after it, or -1 when it is malformed.
   */
  private int string(StringBuilder out) {
    pos++;
    while (pos < end) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return pos;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c != '\\') {
        append(out, c);
        continue;
      }
      if (pos >= end) {
        return -1;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> append(out, e);
        case 'b' -> append(out, '\b');
        case 'f' -> append(out, '\f');
        case 'n' -> append(out, '\n');
        case 'r' -> append(out, '\r');
        case 't' -> append(out, '\t');
        case 'u' -> {
          int unit = hex4();
          if (unit < 0) {
            return -1;
          }
          appendUnit(out, (char) unit);
        }
        default -> {
          return -1;
        }
      }
    }
    return -1;
  }

  /** Appends a {@code \\u} escape, pairing surrogates and replacing lone ones as Go does. */
  private void appendUnit(StringBuilder out, char unit) {
    if (Character.isHighSurrogate(unit)
        && pos + 6 <= end
        && text.charAt(pos) == '\\'
        && text.charAt(pos + 1) == 'u') {
      int save = pos;
      pos += 2;
      int low = hex4();
      if (low >= 0 && Character.isLowSurrogate((char) low)) {
        append(out, unit);
        append(out, (char) low);
        return;
      }
      pos = save;
    }
    append(out, Character.isSurrogate(unit) ? '\uFFFD' : unit);
  }

  private int hex4() {
    if (pos + 4 > end) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(pos + i);
      int d =
          c >= '0' && c <= '9'
              ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      value = value * 16 + d;
    }
    pos += 4;
    return value;
  }

  private static void append(StringBuilder out, char c) {
    if (out != null) {
      out.append(c);
    }
  }
}
