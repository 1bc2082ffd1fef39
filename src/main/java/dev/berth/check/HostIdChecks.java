package dev.berth.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.compose.ComposeSource;
import dev.berth.devcontainer.JsoncDocument;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * berth's UidNotExported: {@code ${UID:-1000}} in a compose file and {@code ${localEnv:UID}} in a
 * devcontainer.json read a variable that shells keep to themselves. bash sets UID (and EUID)
 * without exporting it and sets no GID at all; zsh sets both and exports neither. So docker compose
 * and the dev container tools never see them, and the value is always the default.
 */
final class HostIdChecks {

  private static final Set<String> NAMES = Set.of("UID", "GID");
  private static final Pattern LOCAL_ENV =
      Pattern.compile("\\$\\{localEnv:(UID|GID)(?::([^}]*))?}");

  private HostIdChecks() {}

  /** One use of a variable in a compose template, as written. */
  record Use(String name, String written, Optional<String> fallback) {}

  /** A string of a JSON tree and its pointer. */
  private record JsonString(String pointer, String text) {}

  static void uidNotExported(ProjectSubject p, Findings out) {
    p.compose().ifPresent(c -> compose(p, c, out));
    p.devcontainer().ifPresent(d -> devcontainer(p, d, out));
  }

  private static void compose(ProjectSubject p, ComposeFile c, Findings out) {
    for (ComposeSource src : c.sources()) {
      for (ComposeSource.Scalar s : src.strings()) {
        for (Use u : uses(s.text())) {
          // The shell's are left out when the check interpolates: one that is set came from .env.
          if (!NAMES.contains(u.name()) || c.sets(u.name())) {
            continue;
          }
          out.add(
              CrossFileRules.UID_NOT_EXPORTED,
              p.token(s.range(), u.written()),
              "'"
                  + u.written()
                  + (u.written().matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?\\?.*")
                      ? "' always stops docker compose"
                      : "' is always " + u.fallback().map(f -> "'" + f + "'").orElse("empty"))
                  + ": "
                  + notExported(u.name())
                  + ", so docker compose never sees the host's",
              fixCompose(u.name()));
        }
        if (isNameOnlyItem(s) && NAMES.contains(s.text()) && !c.sets(s.text())) {
          out.add(
              CrossFileRules.UID_NOT_EXPORTED,
              p.token(s.range(), s.text()),
              "'"
                  + s.text()
                  + "' takes its value from the environment, so it is always left out: "
                  + notExported(s.text()),
              fixCompose(s.text()));
        }
      }
    }
  }

  /** An item of a build.args or environment list that names a variable without a value. */
  private static boolean isNameOnlyItem(ComposeSource.Scalar s) {
    List<String> path = s.path();
    int n = path.size();
    if (n < 4 || !path.get(0).equals("services") || !path.get(n - 1).matches("[0-9]+")) {
      return false;
    }
    String list = path.get(n - 2);
    boolean args = list.equals("args") && path.get(n - 3).equals("build");
    return (args || list.equals("environment")) && !s.text().contains("=");
  }

  private static String notExported(String name) {
    return name.equals("UID")
        ? "UID is a shell variable that shells do not export"
        : "GID is a variable bash does not set and zsh does not export";
  }

  private static String fixCompose(String name) {
    return "export "
        + name
        + " where docker compose runs ("
        + (name.equals("UID") ? "export UID" : "export GID=$(id -g)")
        + "), or write it into .env beside the compose file";
  }

  private static void devcontainer(ProjectSubject p, DevContainerFile d, Findings out) {
    List<JsonString> strings = new ArrayList<>();
    collect(d.raw(), "", strings);
    for (JsonString s : strings) {
      Matcher m = LOCAL_ENV.matcher(s.text());
      while (m.find()) {
        SourceRange at = p.token(d.range(s.pointer()), m.group());
        String fallback = m.group(2) == null ? "empty" : "'" + m.group(2) + "'";
        out.add(
            CrossFileRules.UID_NOT_EXPORTED,
            at,
            "'"
                + m.group()
                + "' is always "
                + fallback
                + ": localEnv reads the environment of the tool that starts the dev container,"
                + " and "
                + notExported(m.group(1)),
            "leave the IDs to the dev container: with remoteUser named, updateRemoteUserUID (on"
                + " by default) gives that user your UID and GID when the container starts");
      }
    }
  }

  /** Every string of a JSON tree with its pointer. */
  private static void collect(JsonNode node, String pointer, List<JsonString> out) {
    if (node.isTextual()) {
      out.add(new JsonString(pointer, node.textValue()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), JsoncDocument.child(pointer, i), out);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        collect(e.getValue(), JsoncDocument.child(pointer, e.getKey()), out);
      }
    }
  }

  /**
   * The variables a compose template uses, as written: {@code $NAME}, {@code ${NAME}} and the forms
   * with an operator; {@code $$} is a literal dollar and uses nothing.
   */
  static List<Use> uses(String text) {
    List<Use> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '$' || i + 1 >= text.length()) {
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '$') {
        i += 2;
      } else if (next == '{') {
        int close = closing(text, i);
        if (close < 0) {
          return out;
        }
        String inner = text.substring(i + 2, close);
        int end = nameEnd(inner, 0);
        if (end > 0) {
          String rest = inner.substring(end);
          Optional<String> fallback = Optional.empty();
          if (rest.startsWith(":-")) {
            fallback = Optional.of(rest.substring(2));
          } else if (rest.startsWith("-")) {
            fallback = Optional.of(rest.substring(1));
          }
          out.add(new Use(inner.substring(0, end), text.substring(i, close + 1), fallback));
          // A default can use variables too.
          out.addAll(uses(rest));
        }
        i = close + 1;
      } else if (Character.isLetter(next) || next == '_') {
        int end = nameEnd(text, i + 1);
        out.add(new Use(text.substring(i + 1, end), text.substring(i, end), Optional.empty()));
        i = end;
      } else {
        i++;
      }
    }
    return out;
  }

  private static int closing(String s, int dollar) {
    int open = 0;
    for (int i = dollar; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '}' && --open == 0) {
        return i;
      }
      if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }

  private static int nameEnd(String s, int from) {
    int i = from;
    while (i < s.length()
        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')
        && !(i == from && Character.isDigit(s.charAt(i)))) {
      i++;
    }
    return i;
  }
}
