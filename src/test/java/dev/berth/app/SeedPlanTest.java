package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed's multi-stage Dockerfile (examples/seed) plans as BuildKit would build it. */
class SeedPlanTest {

  private static final Path DOCKERFILE = Path.of("examples/seed/Dockerfile");

  private static PlanView plan(String target, Map<String, String> args) throws Exception {
    return new PlanService().plan(DOCKERFILE, new PlanRequest(Optional.ofNullable(target), args));
  }

  private static PlanView.StageView stage(PlanView p, String name) {
    return p.stages().stream()
        .filter(s -> s.name().equals(Optional.of(name)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void builderNeedsOnlyItself() throws Exception {
    PlanView p = plan("builder", Map.of());
    assertThat(p.stages()).extracting(s -> s.name().orElseThrow()).containsExactly("builder");
    PlanView.StageView b = stage(p, "builder");
    assertThat(b.base()).isEqualTo("python:3.9.16");
    assertThat(b.workdir()).isEqualTo("/app");
    assertThat(b.env())
        .containsEntry("PYTHONPATH", "/app")
        .containsEntry("PIPX_VERSION", "1.2.0")
        .containsEntry("POETRY_VIRTUALENVS_IN_PROJECT", "true");
    assertThat(b.env().get("PATH")).startsWith("/opt/pipx/bin:/app/.venv/bin:");
    assertThat(b.steps())
        .extracting(PlanView.StepView::text)
        .contains(
            "RUN pipx install --force poetry==${POETRY_VERSION}",
            "COPY pyproject.toml poetry.lock ./");
  }

  @Test
  void appPreBuildsOnBuilder() throws Exception {
    PlanView p = plan("app-pre", Map.of());
    assertThat(p.stages())
        .extracting(s -> s.name().orElseThrow())
        .containsExactly("builder", "app-pre");
    assertThat(stage(p, "app-pre").dependsOn()).containsExactly("builder");
    assertThat(stage(p, "app-pre").steps())
        .extracting(PlanView.StepView::text)
        .containsExactly("RUN poetry install --with dev");
  }

  @Test
  void appIsTheDefaultTargetAndRenewsTheGlobalArgs() throws Exception {
    PlanView p = plan(null, Map.of());
    assertThat(p.target()).isEqualTo("app");
    assertThat(p.stages())
        .extracting(s -> s.name().orElseThrow())
        .containsExactly("builder", "app-pre", "app");
    PlanView.StageView app = stage(p, "app");
    assertThat(app.base()).isEqualTo("python:3.9.16-slim");
    assertThat(app.dependsOn()).containsExactly("app-pre");
    assertThat(app.workdir()).isEqualTo("/app");
    assertThat(app.user()).isEqualTo("1000");
    assertThat(app.env())
        .containsEntry("UID", "1000")
        .containsEntry("GID", "1000")
        .containsEntry("UNAME", "somenergia")
        // Not renewed in this stage: the seed's ENV gets an empty value, as with BuildKit.
        .containsEntry("POETRY_VERSION", "");
    assertThat(app.steps())
        .extracting(PlanView.StepView::text)
        .contains("COPY --from=app-pre /app .");
  }

  @Test
  void userBuildArgsReachTheAppStage() throws Exception {
    PlanView p = plan("app", Map.of("UID", "1234", "GID", "2345", "UNAME", "dev"));
    PlanView.StageView app = stage(p, "app");
    assertThat(app.env())
        .containsEntry("UID", "1234")
        .containsEntry("GID", "2345")
        .containsEntry("UNAME", "dev");
    assertThat(app.user()).isEqualTo("1234");
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void aGlobalBuildArgChangesTheBaseImages() throws Exception {
    PlanView p = plan("app", Map.of("PYTHON_VERSION", "3.11"));
    assertThat(stage(p, "builder").base()).isEqualTo("python:3.11");
    assertThat(stage(p, "app").base()).isEqualTo("python:3.11-slim");
  }
}
