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
 * context's {@code .dockerignore} and clutter, what is known of the base images, and the rules the
 * project switched off.
 *
 * @param target the stage the build produces, besides the last one (both count as production)
 * @param otherTargets stages that other files build as images to run (a compose service's {@code
 *     build.target}, a dev container's): production stages too
 * @param ignored true for a context-relative path that {@code .dockerignore} excludes
 * @param clutter the build context's {@code .venv}, {@code .git} and {@code __pycache__} folders
 * @param projectSkips rule names switched off for the whole project ({@code [tool.berth.check]})
 */
public record CheckOptions(
    Optional<String> target,
    Set<String> otherTargets,
    Map<String, String> buildArgs,
    Predicate<String> ignored,
    ContextClutter clutter,
    BaseImageConfigs baseConfigs,
    BaseImagePlatforms basePlatforms,
    Platform buildPlatform,
    Platform targetPlatform,
    Set<String> projectSkips) {

  public CheckOptions {
    Objects.requireNonNull(target, "target");
    otherTargets = Set.copyOf(otherTargets);
    buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    Objects.requireNonNull(ignored, "ignored");
    Objects.requireNonNull(clutter, "clutter");
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
        Set.of(),
        Map.of(),
        path -> false,
        ContextClutter.NONE,
        BaseImageConfigs.none(),
        BaseImagePlatforms.none(),
        Platform.host(),
        Platform.host(),
        Set.of());
  }

  public CheckOptions withTarget(Optional<String> t) {
    return new CheckOptions(
        t,
        otherTargets,
        buildArgs,
        ignored,
        clutter,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withOtherTargets(Set<String> targets) {
    return new CheckOptions(
        target,
        targets,
        buildArgs,
        ignored,
        clutter,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withBuildArgs(Map<String, String> args) {
    return new CheckOptions(
        target,
        otherTargets,
        args,
        ignored,
        clutter,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withIgnored(Predicate<String> i) {
    return new CheckOptions(
        target,
        otherTargets,
        buildArgs,
        i,
        clutter,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withClutter(ContextClutter c) {
    return new CheckOptions(
        target,
        otherTargets,
        buildArgs,
        ignored,
        c,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withBases(BaseImageConfigs configs, BaseImagePlatforms platforms) {
    return new CheckOptions(
        target,
        otherTargets,
        buildArgs,
        ignored,
        clutter,
        configs,
        platforms,
        buildPlatform,
        targetPlatform,
        projectSkips);
  }

  public CheckOptions withPlatforms(Platform build, Platform targetP) {
    return new CheckOptions(
        target,
        otherTargets,
        buildArgs,
        ignored,
        clutter,
        baseConfigs,
        basePlatforms,
        build,
        targetP,
        projectSkips);
  }

  public CheckOptions withProjectSkips(Set<String> skips) {
    return new CheckOptions(
        target,
        otherTargets,
        buildArgs,
        ignored,
        clutter,
        baseConfigs,
        basePlatforms,
        buildPlatform,
        targetPlatform,
        skips);
  }
}
