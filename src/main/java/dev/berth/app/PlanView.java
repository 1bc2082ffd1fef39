package dev.berth.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A build plan as {@code berth plan} shows it; the JSON output is this record's shape, documented
 * in the README and kept stable.
 */
public record PlanView(
    String file,
    String target,
    List<ArgView> globalArgs,
    List<StageView> stages,
    List<WarningView> warnings) {

  /** A declared ARG; {@code value} is empty when the ARG is unset. */
  public record ArgView(String name, Optional<String> value, String source) {}

  /**
   * A stage that will be built.
   *
   * @param baseKind {@code image}, {@code stage} or {@code scratch}
   * @param base the image reference or stage name ({@code scratch} for scratch)
   * @param baseConfigKnown false when the base image's own ENV could not be read (not in the store)
   */
  public record StageView(
      int index,
      Optional<String> name,
      String baseKind,
      String base,
      Optional<String> platform,
      boolean baseConfigKnown,
      List<String> dependsOn,
      List<ArgView> args,
      Map<String, String> env,
      String workdir,
      String user,
      List<StepView> steps) {}

  /** One instruction, arguments expanded. */
  public record StepView(int line, String instruction, String text, boolean trigger) {}

  /** A warning found while planning. */
  public record WarningView(String file, int line, String code, String message) {}
}
