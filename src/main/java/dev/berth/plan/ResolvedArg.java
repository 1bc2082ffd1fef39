package dev.berth.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * A declared ARG and the value it ended with.
 *
 * @param value empty when the ARG is unset (no default, no build arg, nothing inherited), which is
 *     not the same as empty
 * @param source where the value came from
 */
public record ResolvedArg(String name, Optional<String> value, Source source) {

  /** Where an ARG's value came from. */
  public enum Source {
    /** {@code --build-arg}. */
    BUILD_ARG,
    /** The default in the ARG instruction. */
    DEFAULT,
    /** A global ARG of the same name, renewed inside the stage. */
    GLOBAL,
    /** A predefined arg such as TARGETPLATFORM. */
    PREDEFINED,
    /** No value. */
    UNSET
  }

  public ResolvedArg {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }
}
