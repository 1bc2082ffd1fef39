package dev.berth.check;

import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What a check found in one Dockerfile.
 *
 * @param findings sorted by line, then column, then rule
 * @param errors why part of the check could not run: the file does not parse, berth's typed reader
 *     or planner refuses it, or a {@code # check=} directive is malformed. A report with errors is
 *     about bad input, whatever its findings
 * @param rules the rules that ran
 */
public record CheckReport(
    String file, List<Finding> findings, List<Diagnostic> errors, List<Rule> rules) {

  public CheckReport {
    Objects.requireNonNull(file, "file");
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
    rules = List.copyOf(rules);
  }

  /** Whether some finding is at least as bad as {@code threshold} (ERROR or WARNING). */
  public boolean hasFindingsAtOrAbove(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().ordinal() <= threshold.ordinal());
  }
}
