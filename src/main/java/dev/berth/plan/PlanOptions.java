package dev.berth.plan;

import dev.berth.image.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build asks of the plan: the target stage (default: the last), {@code --build-arg} values,
 * and the platforms behind the predefined args.
 */
public record PlanOptions(
    Optional<String> target,
    Map<String, String> buildArgs,
    Platform buildPlatform,
    Platform targetPlatform,
    NamedContexts namedContexts) {

  /** Options without named contexts. */
  public PlanOptions(
      Optional<String> target,
      Map<String, String> buildArgs,
      Platform buildPlatform,
      Platform targetPlatform) {
    this(target, buildArgs, buildPlatform, targetPlatform, NamedContexts.NONE);
  }

  public PlanOptions {
    Objects.requireNonNull(namedContexts, "namedContexts");
    Objects.requireNonNull(target, "target");
    buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    Objects.requireNonNull(buildPlatform, "buildPlatform");
    Objects.requireNonNull(targetPlatform, "targetPlatform");
  }

  /** The last stage, no build args, the host's platform. */
  public static PlanOptions defaults() {
    return new PlanOptions(Optional.empty(), Map.of(), Platform.host(), Platform.host());
  }

  public PlanOptions withTarget(Optional<String> t) {
    return new PlanOptions(t, buildArgs, buildPlatform, targetPlatform, namedContexts);
  }

  public PlanOptions withBuildArgs(Map<String, String> args) {
    return new PlanOptions(target, args, buildPlatform, targetPlatform, namedContexts);
  }

  public PlanOptions withTargetPlatform(Platform p) {
    return new PlanOptions(target, buildArgs, buildPlatform, p, namedContexts);
  }

  public PlanOptions withNamedContexts(NamedContexts named) {
    return new PlanOptions(target, buildArgs, buildPlatform, targetPlatform, named);
  }
}
