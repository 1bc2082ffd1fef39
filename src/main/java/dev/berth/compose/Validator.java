package dev.berth.compose;

import dev.berth.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a compose tree against {@link ComposeSchema}: unknown keys, values of the wrong type,
 * values outside an enumeration, missing required keys and repeated list items, each reported at
 * the offending node with its key path.
 */
final class Validator {

  private static final int MAX_ERRORS = 20;
  private final List<Diagnostic> errors = new ArrayList<>();

  private Validator() {}

  static List<Diagnostic> validate(YNode tree, Shape shape) {
    Validator v = new Validator();
    v.check(tree, shape, KeyPath.ROOT);
    return v.errors;
  }

  private void check(YNode node, Shape shape, KeyPath path) {
    if (errors.size() >= MAX_ERRORS) {
      return;
    }
    if (shape instanceof Shape.Any) {
      return;
    }
    if (shape instanceof Shape.OneOf one) {
      for (Shape option : one.options()) {
        if (accepts(option, node)) {
          check(node, option, path);
          return;
        }
      }
      error(
          "compose-type",
          where(path) + "must be " + describe(shape) + ", not " + node.kindName(),
          node);
      return;
    }
    if (!accepts(shape, node)) {
      error(
          "compose-type",
          where(path) + "must be " + describe(shape) + ", not " + node.kindName(),
          node);
      return;
    }
    if (shape instanceof Shape.Scalar sc) {
      YScalar s = (YScalar) node;
      if (!sc.allowed().isEmpty() && !sc.allowed().contains(s.value())) {
        error(
            "compose-value",
            where(path)
                + "must be one of "
                + String.join(", ", sc.allowed())
                + ", not \""
                + s.value()
                + "\"",
            node);
      }
      return;
    }
    if (shape instanceof Shape.ListOf l) {
      YSeq seq = (YSeq) node;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < seq.items().size(); i++) {
        YNode item = seq.items().get(i);
        check(item, l.items(), path.index(i));
        if (l.unique() && item instanceof YScalar s && !seen.add(s.kind() + ":" + s.value())) {
          error("compose-duplicate", path + " lists \"" + s.value() + "\" more than once", item);
        }
      }
      return;
    }
    Shape.Obj obj = (Shape.Obj) shape;
    YMap map = (YMap) node;
    for (Map.Entry<String, YMap.Entry> e : map.entries().entrySet()) {
      String key = e.getKey();
      YNode value = e.getValue().value();
      KeyPath child = path.key(key);
      Shape known = obj.keys().get(key);
      if (known != null) {
        check(value, known, child);
      } else if (obj.extensions() && key.startsWith("x-")) {
        continue;
      } else if (obj.others() != null) {
        if (obj.otherKeys().matcher(key).matches()) {
          check(value, obj.others(), child);
        } else {
          error("compose-key", child + " is not " + obj.otherKeysRule(), e.getValue().key());
        }
      } else {
        String hint = suggestion(key, obj.keys().keySet());
        error(
            "compose-unknown-key",
            child + " is not a known key" + (hint == null ? "" : "; did you mean " + hint + "?"),
            e.getValue().key());
      }
    }
    for (String required : obj.required()) {
      if (!map.has(required)) {
        error("compose-missing-key", path + " needs the key " + required, node);
      }
    }
  }

  private static boolean accepts(Shape shape, YNode node) {
    if (shape instanceof Shape.Any) {
      return true;
    }
    if (shape instanceof Shape.OneOf one) {
      return one.options().stream().anyMatch(o -> accepts(o, node));
    }
    if (shape instanceof Shape.Scalar sc) {
      return node instanceof YScalar s && sc.kinds().contains(s.kind());
    }
    if (shape instanceof Shape.ListOf) {
      return node instanceof YSeq;
    }
    return node instanceof YMap;
  }

  private static String describe(Shape shape) {
    if (shape instanceof Shape.OneOf one) {
      Set<String> names = new TreeSet<>();
      for (Shape o : one.options()) {
        names.add(describe(o));
      }
      return String.join(" or ", names);
    }
    if (shape instanceof Shape.Scalar sc) {
      Set<String> names = new TreeSet<>();
      for (YScalar.Kind k : sc.kinds()) {
        names.add(
            switch (k) {
              case STRING -> "a string";
              case INT -> sc.kinds().contains(YScalar.Kind.FLOAT) ? "a number" : "an integer";
              case FLOAT -> "a number";
              case BOOL -> "a boolean";
              case NULL -> "null";
            });
      }
      return String.join(" or ", names);
    }
    if (shape instanceof Shape.ListOf) {
      return "a list";
    }
    return "a mapping";
  }

  private static String where(KeyPath path) {
    return path.size() == 0 ? "the file " : path + " ";
  }

  private void error(String code, String message, YNode at) {
    errors.add(Diagnostic.error(code, message, at.range()));
  }

  /** The known key closest to a misspelt one, when it is close enough to be a likely typo. */
  static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(1, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
