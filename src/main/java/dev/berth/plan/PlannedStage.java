package dev.berth.plan;

import dev.berth.diag.SourceRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage the build will run, resolved.
 *
 * @param baseConfigKnown false when the base is an image whose config was not available, so its
 *     environment could not be included
 * @param args the ARGs the stage declares, with their values
 * @param env the image config's environment at the end of the stage
 * @param dependsOn indexes of the stages this one needs (its base stage, COPY --from, RUN --mount
 *     from), ascending
 */
public record PlannedStage(
    int index,
    Optional<String> name,
    StageBase base,
    Optional<String> platform,
    boolean baseConfigKnown,
    List<ResolvedArg> args,
    Map<String, String> env,
    String workdir,
    String user,
    List<PlannedStep> steps,
    List<Integer> dependsOn,
    SourceRange range) {

  public PlannedStage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(platform, "platform");
    args = List.copyOf(args);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    steps = List.copyOf(steps);
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(range, "range");
  }

  /** The name if it has one, else its index. */
  public String displayName() {
    return name.orElse(Integer.toString(index));
  }
}
