package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The syntax tree of a template: what {@link Parser} makes and {@link Exec} runs. */
sealed interface Node {

  /** Literal text, copied to the output. */
  record Text(String text) implements Node {}

  /** {@code {{pipeline}}}: the pipeline's value is printed (unless it declares a variable). */
  record Action(Pipe pipe) implements Node {}

  /** {@code {{if p}} then {{else}} otherwise {{end}}}; {@code else if} nests another If. */
  record If(Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {}

  /** {@code {{range p}} body {{else}} empty {{end}}}: body once per element, dot set to it. */
  record Range(Pipe pipe, List<Node> body, List<Node> empty) implements Node {}

  /** {@code {{with p}} body {{else}} otherwise {{end}}}: body with dot set to a non-empty value. */
  record With(Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {}

  /**
   * Commands joined by {@code |}, each one's value passed as the last argument of the next; {@code
   * declared} holds the variables of {@code $x := ...} or {@code $i, $e := ...}.
   */
  record Pipe(int pos, List<String> declared, List<Command> commands) {}

  /** A function and its arguments, or a single operand. */
  record Command(int pos, List<Arg> args) {}

  /** An operand of a command. */
  sealed interface Arg {
    /** Offset in the template, for error messages. */
    int pos();

    /** The operand as written, for Go's {@code at <...>} error context. */
    String source();
  }

  /** {@code .}: the current value. */
  record Dot(int pos) implements Arg {
    public String source() {
      return ".";
    }
  }

  /** {@code .A.B}: fields of dot. */
  record Field(int pos, List<String> names) implements Arg {
    public String source() {
      return "." + String.join(".", names);
    }
  }

  /** {@code $x.A.B} (names may be empty); {@code $} is the template's data. */
  record Variable(int pos, String name, List<String> names) implements Arg {
    public String source() {
      return names.isEmpty() ? name : name + "." + String.join(".", names);
    }
  }

  /** {@code (pipeline).A.B}. */
  record Chain(int pos, Pipe pipe, List<String> names) implements Arg {
    public String source() {
      return names.isEmpty() ? "(...)" : "(...)." + String.join(".", names);
    }
  }

  /** A function name such as {@code json} or {@code index}. */
  record Function(int pos, String name) implements Arg {
    public String source() {
      return name;
    }
  }

  /** A string, number, character, boolean or {@code nil} constant, with its value. */
  record Constant(int pos, String source, JsonNode value) implements Arg {}
}
