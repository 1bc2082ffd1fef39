package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.cli.format.Node.Arg;
import dev.berth.cli.format.Node.Chain;
import dev.berth.cli.format.Node.Command;
import dev.berth.cli.format.Node.Constant;
import dev.berth.cli.format.Node.Dot;
import dev.berth.cli.format.Node.Field;
import dev.berth.cli.format.Node.Function;
import dev.berth.cli.format.Node.Pipe;
import dev.berth.cli.format.Node.Variable;
import dev.berth.cli.format.Token.Kind;
import dev.berth.diag.BerthException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the {@link Lexer}'s tokens to a list of {@link Node}s. The grammar is the
 * one written down in {@link Template}. Variables must be declared before use, in the enclosing
 * scope (a control structure's declarations end with its {@code end}); function names must be
 * known. Both are checked here, as Go's parser does, so a bad template fails before any output.
 */
final class Parser {

  /** Why a list of nodes ended. */
  private enum Stop {
    END,
    ELSE,
    EOF
  }

  private record Block(List<Node> nodes, Stop stop, int pos) {}

  private final String src;
  private final List<Token> tokens;
  private final List<String> variables = new ArrayList<>(List.of("$"));
  private int i;

  private Parser(String src, List<Token> tokens) {
    this.src = src;
    this.tokens = tokens;
  }

  static List<Node> parse(String src) throws BerthException {
    Parser p = new Parser(src, Lexer.lex(src));
    Block top = p.list();
    if (top.stop() != Stop.EOF) {
      throw TemplateException.parse(
          src, top.pos(), "unexpected {{" + (top.stop() == Stop.END ? "end" : "else") + "}}");
    }
    return top.nodes();
  }

  private Block list() throws BerthException {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case EOF -> {
          return new Block(nodes, Stop.EOF, t.pos());
        }
        case TEXT -> nodes.add(new Node.Text(t.text()));
        case LEFT -> {
          skipSpace();
          Token k = peek();
          if (k.kind() == Kind.IDENTIFIER) {
            switch (k.text()) {
              case "end" -> {
                next();
                expectRight("end");
                return new Block(nodes, Stop.END, k.pos());
              }
              case "else" -> {
                next();
                skipSpace();
                return new Block(nodes, Stop.ELSE, k.pos());
              }
              case "if" -> {
                next();
                nodes.add(ifNode(k));
                continue;
              }
              case "range" -> {
                next();
                nodes.add(rangeNode(k));
                continue;
              }
              case "with" -> {
                next();
                nodes.add(withNode(k));
                continue;
              }
              default -> {
                // a function call such as {{json .}}
              }
            }
          }
          Pipe pipe = pipeline("command");
          expectRight("command");
          nodes.add(new Node.Action(pipe));
        }
        default -> throw unexpected(t, "input");
      }
    }
  }

  /** After {@code if}: the condition, the branches, and the {@code end} (shared with else if). */
  private Node ifNode(Token keyword) throws BerthException {
    int scope = variables.size();
    Pipe cond = pipeline("if");
    expectRight("if");
    Block then = list();
    List<Node> otherwise = List.of();
    if (then.stop() == Stop.ELSE) {
      Token after = peek();
      if (after.kind() == Kind.IDENTIFIER && after.text().equals("if")) {
        next();
        otherwise = List.of(ifNode(after));
      } else {
        expectRight("else");
        Block rest = list();
        requireEnd(rest, keyword);
        otherwise = rest.nodes();
      }
    } else {
      requireEnd(then, keyword);
    }
    truncateVariables(scope);
    return new Node.If(cond, then.nodes(), otherwise);
  }

  private Node rangeNode(Token keyword) throws BerthException {
    int scope = variables.size();
    Pipe over = pipeline("range");
    if (over.declared().size() > 2) {
      throw TemplateException.parse(src, over.pos(), "too many declarations in range");
    }
    expectRight("range");
    Block body = list();
    List<Node> empty = List.of();
    if (body.stop() == Stop.ELSE) {
      expectRight("else");
      Block rest = list();
      requireEnd(rest, keyword);
      empty = rest.nodes();
    } else {
      requireEnd(body, keyword);
    }
    truncateVariables(scope);
    return new Node.Range(over, body.nodes(), empty);
  }

  private Node withNode(Token keyword) throws BerthException {
    int scope = variables.size();
    Pipe value = pipeline("with");
    expectRight("with");
    Block body = list();
    List<Node> otherwise = List.of();
    if (body.stop() == Stop.ELSE) {
      expectRight("else");
      Block rest = list();
      requireEnd(rest, keyword);
      otherwise = rest.nodes();
    } else {
      requireEnd(body, keyword);
    }
    truncateVariables(scope);
    return new Node.With(value, body.nodes(), otherwise);
  }

  private void requireEnd(Block b, Token keyword) throws BerthException {
    if (b.stop() == Stop.EOF) {
      throw TemplateException.parse(src, b.pos(), "unexpected EOF in " + keyword.text());
    }
    if (b.stop() == Stop.ELSE) {
      throw TemplateException.parse(src, b.pos(), "expected end; found {{else}}");
    }
  }

  private void truncateVariables(int size) {
    while (variables.size() > size) {
      variables.remove(variables.size() - 1);
    }
  }

  /**
   * {@code [decl] command { "|" command }}, ending before {@code }}} or {@code )}. Declared
   * variables live to the end of the enclosing structure (its parse truncates them).
   */
  private Pipe pipeline(String context) throws BerthException {
    skipSpace();
    int pos = peek().pos();
    List<String> declared = declarations();
    List<Command> commands = new ArrayList<>();
    while (true) {
      skipSpace();
      commands.add(command(context));
      skipSpace();
      if (peek().kind() == Kind.PIPE) {
        next();
      } else {
        break;
      }
    }
    // Declared only now: Go does not let a pipeline use the variable it declares.
    variables.addAll(declared);
    return new Pipe(pos, declared, commands);
  }

  private List<String> declarations() throws BerthException {
    int save = i;
    List<String> names = new ArrayList<>();
    while (peek().kind() == Kind.VARIABLE) {
      Token v = next();
      skipSpace();
      Token after = peek();
      if (after.kind() == Kind.ASSIGN) {
        throw TemplateException.parse(src, after.pos(), "assigning to a variable is not supported");
      }
      if (after.kind() == Kind.DECLARE) {
        next();
        names.add(v.text());
        return names;
      }
      if (after.kind() == Kind.COMMA && names.isEmpty()) {
        next();
        skipSpace();
        names.add(v.text());
        continue;
      }
      break;
    }
    i = save;
    return List.of();
  }

  private Command command(String context) throws BerthException {
    int pos = peek().pos();
    List<Arg> args = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.RIGHT || t.kind() == Kind.PIPE || t.kind() == Kind.RIGHT_PAREN) {
        break;
      }
      args.add(operand(context));
      Token after = peek();
      if (after.kind() == Kind.SPACE) {
        skipSpace();
      } else if (after.kind() != Kind.RIGHT
          && after.kind() != Kind.PIPE
          && after.kind() != Kind.RIGHT_PAREN) {
        throw unexpected(after, "operand");
      }
    }
    if (args.isEmpty()) {
      throw TemplateException.parse(src, pos, "missing value for " + context);
    }
    return new Command(pos, args);
  }

  private Arg operand(String context) throws BerthException {
    Token t = next();
    return switch (t.kind()) {
      case DOT -> new Dot(t.pos());
      case FIELD -> {
        List<String> names = new ArrayList<>(List.of(t.text()));
        int last = fields(names, t.pos());
        yield new Field(last, names);
      }
      case VARIABLE -> {
        if (!variables.contains(t.text())) {
          throw TemplateException.parse(src, t.pos(), "undefined variable \"" + t.text() + "\"");
        }
        List<String> names = new ArrayList<>();
        int last = fields(names, t.pos());
        yield new Variable(last, t.text(), names);
      }
      case LEFT_PAREN -> {
        Pipe inner = pipeline("parenthesized pipeline");
        Token close = next();
        if (close.kind() != Kind.RIGHT_PAREN) {
          throw unexpected(close, "parenthesized pipeline");
        }
        List<String> names = new ArrayList<>();
        int last = fields(names, t.pos());
        yield new Chain(last, inner, names);
      }
      case IDENTIFIER -> {
        if (!Builtins.exists(t.text())) {
          throw TemplateException.parse(src, t.pos(), "function \"" + t.text() + "\" not defined");
        }
        yield new Function(t.pos(), t.text());
      }
      case STRING -> new Constant(t.pos(), quote(t.text()), TextNode.valueOf(t.text()));
      case CHAR ->
          new Constant(t.pos(), "'" + t.text() + "'", LongNode.valueOf(t.text().codePointAt(0)));
      case BOOL -> new Constant(t.pos(), t.text(), BooleanNode.valueOf(t.text().equals("true")));
      case NIL -> new Constant(t.pos(), "nil", NullNode.getInstance());
      case NUMBER -> new Constant(t.pos(), t.text(), number(t));
      default -> throw unexpected(t, context);
    };
  }

  /** Appends the field tokens right after an operand; returns the offset of the last one. */
  private int fields(List<String> names, int pos) {
    int last = pos;
    while (peek().kind() == Kind.FIELD) {
      Token f = next();
      names.add(f.text());
      last = f.pos();
    }
    return last;
  }

  private JsonNode number(Token t) throws BerthException {
    String s = t.text().replace("_", "");
    boolean negative = s.startsWith("-");
    String digits = s.replaceFirst("^[-+]", "");
    try {
      BigInteger v;
      String lower = digits.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("0x") && !lower.contains("p")) {
        v = new BigInteger(digits.substring(2), 16);
      } else if (lower.startsWith("0o")) {
        v = new BigInteger(digits.substring(2), 8);
      } else if (lower.startsWith("0b")) {
        v = new BigInteger(digits.substring(2), 2);
      } else if (lower.matches("0[0-7]+")) {
        v = new BigInteger(digits.substring(1), 8);
      } else if (lower.matches("[0-9]+")) {
        v = new BigInteger(digits);
      } else {
        return DoubleNode.valueOf(Double.parseDouble(s));
      }
      return LongNode.valueOf((negative ? v.negate() : v).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw TemplateException.parse(src, t.pos(), "bad number syntax: \"" + t.text() + "\"");
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  private void expectRight(String context) throws BerthException {
    skipSpace();
    Token t = next();
    if (t.kind() != Kind.RIGHT) {
      throw unexpected(t, context);
    }
  }

  private BerthException unexpected(Token t, String context) {
    String what =
        switch (t.kind()) {
          case EOF -> "EOF";
          case RIGHT -> "\"}}\"";
          default -> "\"" + t.text() + "\"";
        };
    return TemplateException.parse(src, t.pos(), "unexpected " + what + " in " + context);
  }

  private void skipSpace() {
    while (peek().kind() == Kind.SPACE) {
      i++;
    }
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token next() {
    return tokens.get(i++);
  }
}
