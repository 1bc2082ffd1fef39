package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import dev.berth.plan.op.RunOp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BuildKit's named contexts win over stages and images of the same name. */
class NamedContextsPlanTest {

  private static final NamedContexts NAMED =
      new NamedContexts(Map.of("base", "alpine:3.20", "tools", "busybox:1"), Set.of("src"));

  private static BuildPlan plan(String text) throws BerthException {
    return Planner.plan(
        DockerfileReader.parse("Dockerfile", text),
        PlanOptions.defaults().withNamedContexts(NAMED),
        BaseImageConfigs.none());
  }

  private static PlannedStage last(BuildPlan p) {
    return p.stages().get(p.stages().size() - 1);
  }

  private static List<CopyOp> copies(PlannedStage s) {
    return s.steps().stream()
        .map(PlannedStep::op)
        .filter(CopyOp.class::isInstance)
        .map(CopyOp.class::cast)
        .toList();
  }

  @Test
  void fromAndCopyFromReadTheNamedContextBeforeAStageOfThatName() throws BerthException {
    BuildPlan p =
        plan(
            "FROM scratch AS src\n"
                + "COPY a /a\n"
                + "FROM scratch AS tools\n"
                + "FROM BASE\n"
                + "COPY --from=src x /x\n"
                + "COPY --from=tools /bin/sh /sh\n"
                + "RUN --mount=from=src,target=/mnt true\n");
    PlannedStage app = last(p);
    assertThat(app.base()).isEqualTo(new StageBase.Image("alpine:3.20"));
    assertThat(copies(app).get(0).source()).isEqualTo(new CopySource.Named("src"));
    assertThat(copies(app).get(1).source()).isEqualTo(new CopySource.Image("busybox:1"));
    RunOp run =
        app.steps().stream()
            .map(PlannedStep::op)
            .filter(RunOp.class::isInstance)
            .map(RunOp.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(run.mounts().get(0).fromStage()).isEmpty();
    assertThat(app.dependsOn()).as("no stage is needed").isEmpty();
  }

  @Test
  void aDirectoryCannotBeABase() {
    BerthException e = catchThrowableOfType(() -> plan("FROM src\n"), BerthException.class);
    assertThat(e.getMessage()).contains("the named context 'src' is a directory");
    assertThat(e.first().range().startLine()).isEqualTo(1);
  }

  @Test
  void withoutNamedContextsStagesResolveAsBefore() throws BerthException {
    BuildPlan p =
        Planner.plan(
            DockerfileReader.parse("Dockerfile", "FROM scratch AS src\nFROM src\n"),
            PlanOptions.defaults(),
            BaseImageConfigs.none());
    assertThat(last(p).base()).isInstanceOf(StageBase.Stage.class);
  }
}
