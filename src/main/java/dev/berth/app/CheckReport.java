package dev.berth.app;

import java.util.List;

/**
 * What {@code berth system check} found.
 *
 * @param blobs blobs hashed
 * @param refs refs followed
 * @param snapshots committed snapshots compared with their layers
 * @param snapshotsNotVerified committed snapshots no ref's layer chain names (nothing to compare)
 * @param problems what is wrong, one entry each
 * @param repaired what {@code --repair} removed, one line each
 * @param repair whether this check repaired what it found (every problem is then gone)
 */
public record CheckReport(
    int blobs,
    int refs,
    int snapshots,
    int snapshotsNotVerified,
    List<Problem> problems,
    List<String> repaired,
    boolean repair) {

  /**
   * @param kind {@code blob}, {@code ref} or {@code snapshot}
   * @param subject the digest, name or snapshot it is about
   */
  public record Problem(String kind, String subject, String message) {
    /** One line, as the CLI prints it. */
    public String line() {
      return kind + " " + subject + ": " + message.replace('\n', ' ');
    }
  }

  public CheckReport {
    problems = List.copyOf(problems);
    repaired = List.copyOf(repaired);
  }

  /** Whether the store is sound now: nothing was found, or all of it was repaired. */
  public boolean sound() {
    return problems.isEmpty() || repair;
  }
}
