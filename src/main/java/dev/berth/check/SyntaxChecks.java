package dev.berth.check;

import dev.berth.diag.Diagnostic;
import dev.berth.dockerfile.syntax.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BuildKit's checks that need the syntax only: instruction casing, empty continuation lines,
 * MAINTAINER, the legacy {@code key value} form, repeated CMD/ENTRYPOINT/HEALTHCHECK, sensitive ARG
 * and ENV names.
 */
final class SyntaxChecks {

  private SyntaxChecks() {}

  static void consistentInstructionCasing(CheckSubject s, Findings out) {
    // BuildKit counts the FROMs and the instructions of stages; global ARGs take no part.
    List<Node> counted = new ArrayList<>();
    for (SyntaxStages.Stage st : s.stages().stages()) {
      counted.add(st.from());
      counted.addAll(st.body());
    }
    int lower = 0;
    int upper = 0;
    for (Node n : counted) {
      String k = n.writtenKeyword();
      if (k.equals(k.toLowerCase(Locale.ROOT))) {
        lower++;
      } else if (k.equals(k.toUpperCase(Locale.ROOT))) {
        upper++;
      }
    }
    boolean majorityLower = lower > upper;
    for (Node n : counted) {
      String k = n.writtenKeyword();
      String want = majorityLower ? k.toLowerCase(Locale.ROOT) : k.toUpperCase(Locale.ROOT);
      if (!k.equals(want)) {
        out.add(
            BuildKitRules.CONSISTENT_INSTRUCTION_CASING,
            s.locate().start(n),
            "Command '"
                + k
                + "' should match the case of the command majority ("
                + (majorityLower ? "lowercase" : "uppercase")
                + ")",
            "write " + want + ", as most instructions of this file are written");
      }
    }
  }

  static void noEmptyContinuation(CheckSubject s, Findings out) {
    Set<Node> reported = new LinkedHashSet<>();
    for (Diagnostic w : s.tree().warnings()) {
      if (!w.code().equals("empty-continuation-line")) {
        continue;
      }
      int line = w.range().startLine();
      for (Node n : s.tree().nodes()) {
        if (n.range().startLine() <= line && line <= n.range().endLine() && reported.add(n)) {
          out.add(
              BuildKitRules.NO_EMPTY_CONTINUATION,
              s.locate().lastLine(n),
              "Empty continuation line",
              "remove the empty line at line "
                  + line
                  + " or put a comment on it; empty continuation lines will become errors");
        }
      }
    }
  }

  static void maintainerDeprecated(CheckSubject s, Findings out) {
    for (Node n : s.tree().nodes()) {
      if (n.keyword().equals("maintainer")) {
        out.add(
            BuildKitRules.MAINTAINER_DEPRECATED,
            s.locate().start(n),
            "Maintainer instruction is deprecated in favor of using label",
            "use LABEL org.opencontainers.image.authors="
                + Quotes.go(String.join(" ", n.args()).strip()));
      }
    }
  }

  static void legacyKeyValueFormat(CheckSubject s, Findings out) {
    for (SyntaxStages.Stage st : s.stages().stages()) {
      for (Node n : st.body()) {
        boolean pairs = n.keyword().equals("env") || n.keyword().equals("label");
        if (pairs && n.args().size() == 3 && n.args().get(2).isEmpty()) {
          String k = n.writtenKeyword();
          out.add(
              BuildKitRules.LEGACY_KEY_VALUE_FORMAT,
              s.locate().start(n),
              "\""
                  + k
                  + " key=value\" should be used instead of legacy \""
                  + k
                  + " key value\" format",
              "write " + k + " " + n.args().get(0) + "=" + quoteIfNeeded(n.args().get(1)));
        }
      }
    }
  }

  private static String quoteIfNeeded(String v) {
    return v.chars().anyMatch(Character::isWhitespace) && !v.startsWith("\"")
        ? "\"" + v.replace("\"", "\\\"") + "\""
        : v;
  }

  static void multipleInstructionsDisallowed(CheckSubject s, Findings out) {
    for (SyntaxStages.Stage st : s.stages().stages()) {
      Map<String, Node> last = new HashMap<>();
      for (Node n : st.body()) {
        String k = n.keyword();
        if (!k.equals("cmd") && !k.equals("entrypoint") && !k.equals("healthcheck")) {
          continue;
        }
        Node earlier = last.put(k, n);
        if (earlier != null) {
          // BuildKit reports the earlier one: it is the one that has no effect.
          out.add(
              BuildKitRules.MULTIPLE_INSTRUCTIONS_DISALLOWED,
              s.locate().start(earlier),
              "Multiple "
                  + n.writtenKeyword()
                  + " instructions should not be used in the same stage because only the last"
                  + " one will be used",
              "remove this "
                  + earlier.writtenKeyword()
                  + ": the one at line "
                  + n.range().startLine()
                  + " replaces it");
        }
      }
    }
  }

  static void secretsUsedInArgOrEnv(CheckSubject s, Findings out) {
    for (SyntaxStages.Stage st : s.stages().stages()) {
      for (Node n : st.body()) {
        List<String> keys = new ArrayList<>();
        String kind;
        if (n.keyword().equals("arg")) {
          kind = "ARG";
          SyntaxStages.argWords(n).forEach(w -> keys.add(w.name()));
        } else if (n.keyword().equals("env")) {
          kind = "ENV";
          for (int i = 0; i < n.args().size(); i += 3) {
            keys.add(n.args().get(i));
          }
        } else {
          continue;
        }
        for (String key : keys) {
          if (Secrets.looksSensitive(key)) {
            out.add(
                BuildKitRules.SECRETS_USED_IN_ARG_OR_ENV,
                s.locate().word(n, key, false, n.writtenKeyword().length()),
                "Do not use ARG or ENV instructions for sensitive data ("
                    + kind
                    + " "
                    + Quotes.go(key)
                    + ")",
                "pass it with RUN --mount=type=secret,id="
                    + key.toLowerCase(Locale.ROOT)
                    + ": ARG and ENV values stay in the image's metadata");
          }
        }
      }
    }
  }
}
