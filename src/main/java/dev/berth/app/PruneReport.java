package dev.berth.app;

import java.util.List;

/**
 * What a prune removed, as docker reports it: {@code image prune}'s {@code untagged: NAME} and
 * {@code deleted: ID} lines, or {@code builder prune}'s cache IDs; and the bytes freed in all.
 */
public record PruneReport(List<String> lines, long bytes) {
  public PruneReport {
    lines = List.copyOf(lines);
  }
}
