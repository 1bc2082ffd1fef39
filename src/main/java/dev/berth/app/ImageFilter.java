package dev.berth.app;

import dev.berth.diag.BerthException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One {@code --filter} of {@code image prune}, as docker's: {@code until=} or {@code label=}. */
public sealed interface ImageFilter {

  /** Whether an image created at {@code created} with {@code labels} passes. */
  boolean test(Optional<Instant> created, Map<String, String> labels);

  /** Images created before {@code when}; an image without a creation time never passes. */
  record Until(Instant when) implements ImageFilter {
    public Until {
      Objects.requireNonNull(when, "when");
    }

    @Override
    public boolean test(Optional<Instant> created, Map<String, String> labels) {
      return created.isPresent() && created.get().isBefore(when);
    }
  }

  /**
   * {@code label=KEY}, {@code label=KEY=VALUE}, and with {@code negated} their opposites ({@code
   * label!=...}).
   */
  record Label(String key, Optional<String> value, boolean negated) implements ImageFilter {
    public Label {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean test(Optional<Instant> created, Map<String, String> labels) {
      boolean has =
          labels.containsKey(key) && (value.isEmpty() || value.get().equals(labels.get(key)));
      return has != negated;
    }
  }

  /**
   * Reads {@code KEY=VALUE} as docker's prune reads its filters; {@code until} is given already
   * read (the CLI turns a duration or time into an instant).
   *
   * @throws BerthException INVALID_INPUT for a key other than {@code label} and {@code label!}
   */
  static ImageFilter label(String filter) throws BerthException {
    boolean negated = filter.startsWith("label!=");
    if (!negated && !filter.startsWith("label=")) {
      int eq = filter.indexOf('=');
      throw BerthException.invalid(
          "invalid filter '" + (eq < 0 ? filter : filter.substring(0, eq)) + "'");
    }
    String rest = filter.substring(negated ? "label!=".length() : "label=".length());
    int eq = rest.indexOf('=');
    if (rest.isEmpty()) {
      throw BerthException.invalid("invalid filter '" + filter + "': expected label=KEY[=VALUE]");
    }
    return eq < 0
        ? new Label(rest, Optional.empty(), negated)
        : new Label(rest.substring(0, eq), Optional.of(rest.substring(eq + 1)), negated);
  }
}
