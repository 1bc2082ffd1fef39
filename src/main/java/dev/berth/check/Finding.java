package dev.berth.check;

import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import java.util.Objects;

/**
 * One thing a rule found: where, how bad, what is wrong and how to fix it.
 *
 * @param severity the rule's severity, or {@code ERROR} when {@code # check=error=true} asks
 * @param message what is wrong; for BuildKit's rules the text BuildKit prints
 * @param fix what to change, one sentence
 */
public record Finding(Rule rule, Severity severity, SourceRange range, String message, String fix) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  Finding withSeverity(Severity s) {
    return new Finding(rule, s, range, message, fix);
  }

  /** The line the finding is on (0 for the whole file). */
  public int line() {
    return range.startLine();
  }
}
