package dev.berth.check;

import dev.berth.image.Platform;
import dev.berth.plan.BaseImageConfigs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a check is asked to assume: the target and build args of the build it stands for, the build
 * context's {@code .dockerignore}, what is known of the base images, and the rules the project
 * switched off.
 *
 * @param target the stage the build produces, besides the last one (both count as production)
 * @param ignored true for a context-relative path that {@code .dockerignore} excludes
 * @param projectSkips rule names switched off for the whole project ({@code [tool.berth.check]})
 */
public record CheckOptions(
    Optional<String> target,
    Map<String, String> buildArgs,
    Predicate<String> ignored,
    BaseImageConfigs baseConfigs,
    BaseImagePlatforms basePlatforms,
    Platform buildPlatform,
    Platform targetPlatform,
    Set<String> projectSkips) {

  public CheckOptions {
    Objects.requireNonNull(target, "target");
    buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    Objects.requireNonNull(ignored, "ignored");
    Objects.requireNonNull(baseConfigs, "baseConfigs");
    Objects.requireNonNull(basePlatforms, "basePlatforms");
    Objects.requireNonNull(buildPlatform, "buildPlatform");
    Objects.requireNonNull(targetPlatform, "targetPlatform");
    projectSkips = Set.copyOf(projectSkips);
  }

  /** The last stage, no build args, nothing ignored, no base image known, the host platform. */
  public static CheckOptions defaults() {
    return new CheckOptions(
        Optional.empty(),
        Map.of(),
        path -> false,
        BaseImageConfigs.none(),
        BaseImagePlatforms.none(),
        Platform.host(),
        Platform.host(),
        Set.of());
  }

  public CheckOptions withTarget(Optional<String> t) {
    return new CheckOptions(
        t,
        buildArgs,
        ignored,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withBuildArgs(Map<String, String> args) {
    return new CheckOptions(
        target,
        args,
        ignored,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withIgnored(Predicate<String> i) {
    return new CheckOptions(
        target,
        buildArgs,
        i,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withBases(BaseImageConfigs configs, BaseImagePlatforms platforms) {
    return new CheckOptions(
        target,
        buildArgs,
        ignored,
        configs,
        platforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withPlatforms(Platform build, Platform targetP) {
    return new CheckOptions(
        target, buildArgs, ignored, baseConfigs, basePlatforms, build, targetP, projectSkips);
  }

  public CheckOptions withProjectSkips(Set<String> skips) {
    return new CheckOptions(
        target,
        buildArgs,
        ignored,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        skips);
  }
}
