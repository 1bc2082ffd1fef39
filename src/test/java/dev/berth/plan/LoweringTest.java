package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.dockerfile.DockerfileReader;
import dev.berth.image.Platform;
import dev.berth.plan.op.ConfigOp;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import dev.berth.plan.op.Op;
import dev.berth.plan.op.RunOp;
import dev.berth.plan.op.WorkdirOp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoweringTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64", "");

  private static List<Op> ops(String dockerfile) throws Exception {
    BuildPlan plan =
        Planner.plan(
            DockerfileReader.parse("Dockerfile", dockerfile),
            new PlanOptions(Optional.empty(), Map.of(), AMD64, AMD64),
            BaseImageConfigs.none());
    return plan.targetStage().steps().stream().map(PlannedStep::op).toList();
  }

  @Test
  void shellFormRunUsesTheShellInForce() throws Exception {
    List<Op> ops = ops("FROM x\nRUN echo a\nSHELL [\"/bin/bash\", \"-eu\", \"-c\"]\nRUN echo b\n");
    assertThat(((RunOp) ops.get(0)).args()).containsExactly("/bin/sh", "-c", "echo a");
    assertThat(((RunOp) ops.get(2)).args()).containsExactly("/bin/bash", "-eu", "-c", "echo b");
  }

  @Test
  void aSoleHeredocIsTheScriptAndAShebangOneRunsItself() throws Exception {
    List<Op> ops =
        ops(
            "FROM x\n"
                + "RUN <<EOF\n"
                + "echo one\n"
                + "echo two\n"
                + "EOF\n"
                + "RUN <<EOF\n"
                + "#!/bin/busybox sh\n"
                + "echo three\n"
                + "EOF\n");
    assertThat(((RunOp) ops.get(0)).args())
        .containsExactly("/bin/sh", "-c", "echo one\necho two\n");
    RunOp shebang = (RunOp) ops.get(1);
    assertThat(shebang.script()).startsWith("#!/bin/busybox sh\n");
  }

  @Test
  void aCommandThatIsOneOpenerRunsTheBodyWhateverItsFormOfOpener() throws Exception {
    List<Op> ops =
        ops(
            "FROM x\n"
                + "RUN 3<<EOF\n"
                + "echo fd\n"
                + "EOF\n"
                + "RUN <<'one two'\n"
                + "echo q\n"
                + "one two\n"
                + "RUN << E\n"
                + "echo s\n"
                + "E\n");
    assertThat(((RunOp) ops.get(0)).args()).containsExactly("/bin/sh", "-c", "echo fd\n");
    assertThat(((RunOp) ops.get(1)).args()).containsExactly("/bin/sh", "-c", "echo q\n");
    assertThat(((RunOp) ops.get(2)).args()).containsExactly("/bin/sh", "-c", "echo s\n");
  }

  @Test
  void exposeRangesAreOnePortEach() throws Exception {
    List<Op> ops = ops("FROM x\nEXPOSE 8000-8002/UDP 80\n");
    assertThat(((ConfigOp.Expose) ops.get(0)).ports())
        .containsExactly("8000/udp", "8001/udp", "8002/udp", "80/tcp");
  }

  @Test
  void anOnbuildTriggerIsStoredWithItsHeredocBodies() throws Exception {
    List<Op> ops = ops("FROM x\nONBUILD RUN <<EOF\necho hi\nEOF\n");
    assertThat(((ConfigOp.OnBuild) ops.get(0)).expression()).isEqualTo("RUN <<EOF\necho hi\nEOF");
  }

  @Test
  void aHeredocFedToACommandGoesToTheShellAsWritten() throws Exception {
    List<Op> ops = ops("FROM x\nRUN cat <<'EOF' > /f\n$HOME\nEOF\n");
    assertThat(((RunOp) ops.get(0)).args())
        .containsExactly("/bin/sh", "-c", "cat <<'EOF' > /f\n$HOME\nEOF\n");
  }

  @Test
  void runSeesEnvAndArgsWorkdirAndUser() throws Exception {
    List<Op> ops = ops("FROM x\nARG A=1\nENV B=2\nWORKDIR /w\nUSER nobody\nRUN true\n");
    RunOp run = (RunOp) ops.get(4);
    assertThat(run.env()).contains("A=1", "B=2");
    assertThat(run.workdir()).isEqualTo("/w");
    assertThat(run.user()).isEqualTo("nobody");
    assertThat(ops.get(2)).isEqualTo(new WorkdirOp("/w", ""));
  }

  @Test
  void shellFormCmdAndEntrypointAreWrappedInTheShell() throws Exception {
    List<Op> ops = ops("FROM x\nCMD echo hi\nENTRYPOINT [\"tini\"]\n");
    assertThat(ops.get(0)).isEqualTo(new ConfigOp.Cmd(List.of("/bin/sh", "-c", "echo hi")));
    assertThat(ops.get(1)).isEqualTo(new ConfigOp.Entrypoint(List.of("tini")));
  }

  @Test
  void copySourcesAreTheContextAStageOrAnImage() throws Exception {
    List<Op> ops =
        ops("FROM x AS a\nFROM x\nCOPY f /f\nCOPY --from=a /g /g\nCOPY --from=alpine:3 /h /h\n");
    assertThat(((CopyOp) ops.get(0)).source()).isEqualTo(new CopySource.Context());
    assertThat(((CopyOp) ops.get(1)).source()).isEqualTo(new CopySource.Stage(0));
    assertThat(((CopyOp) ops.get(2)).source()).isEqualTo(new CopySource.Image("alpine:3"));
  }

  @Test
  void cacheTextLeavesOutLineNumbers() throws Exception {
    Op first = ops("FROM x\nRUN echo a\n").get(0);
    Op moved = ops("FROM x\n\n\n# comment\nRUN echo a\n").get(0);
    assertThat(moved.cacheText()).isEqualTo(first.cacheText());
  }

  @Test
  void aChildStagesRunEnvKeepsItsOrderSoCacheKeysAreStable() throws Exception {
    StringBuilder df = new StringBuilder("FROM x AS p\n");
    for (int i = 0; i < 30; i++) {
      df.append("ENV V").append(i).append("=").append(i).append('\n');
    }
    df.append("FROM p\nRUN true\n");
    List<Op> ops = ops(df.toString());
    RunOp run = (RunOp) ops.get(ops.size() - 1);
    List<String> names = run.env().stream().map(e -> e.substring(0, e.indexOf('='))).toList();
    assertThat(names.subList(names.size() - 30, names.size()))
        .isEqualTo(IntStream.range(0, 30).mapToObj(i -> "V" + i).toList());
  }
}
