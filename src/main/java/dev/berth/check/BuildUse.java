package dev.berth.check;

import dev.berth.diag.SourceRange;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One build that a compose service or a dev container asks for, with the places in its file where
 * each part is written.
 *
 * @param who how messages name the asker: {@code service app}, {@code the dev container}
 * @param dockerfile absolute and normalised
 * @param context absolute and normalised
 * @param targetRange where the target is written; the build section when it is not
 * @param user the user the built image runs as there: a compose service's {@code user:}, the dev
 *     container's {@code remoteUser} (else {@code containerUser}); empty when the image's own
 * @param range where the build section starts
 */
record BuildUse(
    String who,
    Path dockerfile,
    Path context,
    Optional<String> target,
    SourceRange targetRange,
    List<Arg> args,
    Optional<String> user,
    SourceRange range) {

  /**
   * One build arg as written.
   *
   * @param value after interpolation; empty when the arg names no value and the environment has
   *     none
   * @param range where the arg's name is written
   */
  record Arg(String name, Optional<String> value, SourceRange range) {
    Arg {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(range, "range");
    }
  }

  BuildUse {
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetRange, "targetRange");
    args = List.copyOf(args);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(range, "range");
  }

  /** The build args with a value, as the build gets them. */
  Map<String, String> argValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Arg a : args) {
      a.value().ifPresent(v -> out.put(a.name(), v));
    }
    return out;
  }
}
