package dev.berth.cli.format;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;

/** Builds the errors of parsing and running a template, in Go's text/template wording. */
final class TemplateException {

  static final String PARSE = "format.parse";
  static final String EXEC = "format.exec";

  private TemplateException() {}

  /** {@code template: :1:5: unexpected "}" in operand}, as Go reports a syntax error. */
  static BerthException parse(String text, int pos, String message) {
    return new BerthException(
        ErrorKind.INVALID_INPUT, PARSE, "template: :" + line(text, pos) + ": " + message);
  }

  /** {@code template: :1:2: executing "" at <.Foo>: ...}, as Go reports a failed action. */
  static BerthException exec(String text, int pos, String context, String message) {
    return new BerthException(
        ErrorKind.INVALID_INPUT,
        EXEC,
        "template: :"
            + line(text, pos)
            + ":"
            + column(text, pos)
            + ": executing \"\" at <"
            + context
            + ">: "
            + message);
  }

  /** 1-based line of byte offset {@code pos}. */
  static int line(String text, int pos) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** 0-based column in its line of offset {@code pos}, as Go's ErrorContext counts it. */
  static int column(String text, int pos) {
    int last = text.lastIndexOf('\n', Math.max(0, Math.min(pos, text.length()) - 1));
    return pos - last - 1;
  }
}
