package dev.berth.rootless;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's subordinate ID ranges, as {@code /etc/subuid} and {@code /etc/subgid} list them: lines
 * of {@code owner:start:count}, where the owner is a user name or a numeric ID. Lines that do not
 * have that shape are skipped, as shadow-utils' {@code newuidmap} skips them.
 */
public final class SubordinateIds {

  /** {@code count} IDs on the host from {@code start}. */
  public record Range(long start, long count) {
    public Range {
      if (start < 0 || count <= 0) {
        throw new IllegalArgumentException("bad subordinate range " + start + ":" + count);
      }
    }
  }

  private SubordinateIds() {}

  /**
   * The ranges {@code text} (a whole subuid or subgid file) gives to {@code name} or {@code id}.
   */
  public static List<Range> of(String text, String name, long id) {
    List<Range> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.trim().split(":", -1);
      if (f.length != 3 || !(f[0].equals(name) || f[0].equals(Long.toString(id)))) {
        continue;
      }
      try {
        long start = Long.parseLong(f[1]);
        long count = Long.parseLong(f[2]);
        if (start >= 0 && count > 0) {
          out.add(new Range(start, count));
        }
      } catch (NumberFormatException e) {
        // not a range: skipped, as newuidmap skips it
      }
    }
    return List.copyOf(out);
  }

  /** How many IDs the ranges hold together. */
  public static long total(List<Range> ranges) {
    return ranges.stream().mapToLong(Range::count).sum();
  }
}
