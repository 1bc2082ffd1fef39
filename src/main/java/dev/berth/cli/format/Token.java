package dev.berth.cli.format;

/** One lexical item of a template: its kind, its text as written, and its byte offset. */
record Token(Kind kind, String text, int pos) {

  enum Kind {
    /** Literal text outside actions. */
    TEXT,
    /** {@code {{}} (the trim marker, if any, is already applied). */
    LEFT,
    /** {@code }}}. */
    RIGHT,
    /** {@code .Name}: one field step, text without the dot. */
    FIELD,
    /** {@code .} alone. */
    DOT,
    /** {@code $} or {@code $name}, text with the dollar. */
    VARIABLE,
    /** A bare word: a function name or a keyword ({@code if}, {@code range}, ...). */
    IDENTIFIER,
    /** {@code "..."} or {@code `...`}, text already unquoted. */
    STRING,
    /** {@code 'x'}, text already unquoted. */
    CHAR,
    NUMBER,
    BOOL,
    NIL,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    /** {@code :=}. */
    DECLARE,
    /** {@code =}. */
    ASSIGN,
    COMMA,
    /** Spaces inside an action: they separate arguments. */
    SPACE,
    EOF
  }
}
