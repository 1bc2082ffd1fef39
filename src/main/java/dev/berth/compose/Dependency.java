package dev.berth.compose;

import java.util.Objects;

/**
 * One entry of {@code depends_on}.
 *
 * @param condition {@code service_started}, {@code service_healthy} or {@code
 *     service_completed_successfully}
 * @param required false when the dependency may be missing or disabled
 * @param restart restart this service when the dependency is restarted
 */
public record Dependency(String condition, boolean required, boolean restart) {

  public static final String STARTED = "service_started";
  public static final String HEALTHY = "service_healthy";
  public static final String COMPLETED = "service_completed_successfully";

  public Dependency {
    Objects.requireNonNull(condition, "condition");
  }
}
