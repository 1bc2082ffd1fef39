package dev.berth.mount;

import java.util.List;
import java.util.Objects;

/**
 * One mount, described rather than performed: the type ({@code overlay}, {@code bind}), the source,
 * the target relative to the container root ({@code /} for the root itself) and the options as
 * {@code mount(8)} takes them.
 */
public record MountSpec(String type, String source, String target, List<String> options) {

  public MountSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    options = List.copyOf(options);
  }

  /** The options joined with commas, as {@code mount -o} takes them. */
  public String optionString() {
    return String.join(",", options);
  }
}
