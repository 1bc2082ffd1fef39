package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.InstructionText;
import dev.berth.dockerfile.Run;
import dev.berth.image.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64", "");

  private static BuildPlan plan(String text, String target, Map<String, String> buildArgs)
      throws BerthException {
    return Planner.plan(
        DockerfileReader.parse("Dockerfile", text),
        new PlanOptions(Optional.ofNullable(target), buildArgs, AMD64, AMD64),
        BaseImageConfigs.none());
  }

  private static BuildPlan plan(String text) throws BerthException {
    return plan(text, null, Map.of());
  }

  private static List<String> steps(PlannedStage s) {
    return s.steps().stream().map(p -> InstructionText.of(p.instruction())).toList();
  }

  private static PlannedStep lastRun(PlannedStage s) {
    return s.steps().stream()
        .filter(p -> p.instruction() instanceof Run)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void globalArgsReachFromLinesButNotStagesUnlessRenewed() throws Exception {
    BuildPlan p =
        plan("ARG V=1.2\nARG DIR=/app\nFROM busybox:$V\nENV A=${DIR}\nARG DIR\nENV B=${DIR}\n");
    PlannedStage s = p.targetStage();
    assertThat(s.base()).isEqualTo(new StageBase.Image("busybox:1.2"));
    assertThat(s.env()).containsEntry("A", "").containsEntry("B", "/app");
    assertThat(s.args())
        .containsExactly(new ResolvedArg("DIR", Optional.of("/app"), ResolvedArg.Source.GLOBAL));
  }

  @Test
  void buildArgOverridesGlobalAndRenewed() throws Exception {
    BuildPlan p = plan("ARG V=1\nFROM busybox:$V\nARG V\nENV X=$V\n", null, Map.of("V", "2"));
    assertThat(p.targetStage().base()).isEqualTo(new StageBase.Image("busybox:2"));
    assertThat(p.targetStage().env()).containsEntry("X", "2");
  }

  @Test
  void argWithoutValueIsUnsetNotEmpty() throws Exception {
    PlannedStage s =
        plan("FROM busybox\nARG X\nENV A=${X-unset} B=${X:-empty-or-unset}\n").targetStage();
    assertThat(s.env()).containsEntry("A", "unset").containsEntry("B", "empty-or-unset");
    assertThat(s.args().get(0).value()).isEmpty();
    PlannedStage empty = plan("FROM busybox\nARG X=\nENV A=${X-unset}\n").targetStage();
    assertThat(empty.env()).containsEntry("A", "");
  }

  @Test
  void buildArgReplacesDefaultWithoutEvaluatingIt() throws Exception {
    String df = "FROM busybox\nARG X=\"${MISSING:?must be set}\"\nENV Y=$X\n";
    assertThat(plan(df, null, Map.of("X", "given")).targetStage().env())
        .containsEntry("Y", "given");
    BerthException e = catchThrowableOfType(() -> plan(df), BerthException.class);
    assertThat(e.first().message()).contains("must be set");
    assertThat(e.first().range().startLine()).isEqualTo(2);
  }

  @Test
  void theLaterOfEnvAndArgWinsButOnlyEnvReachesTheImage() throws Exception {
    PlannedStage argLast = plan("FROM busybox\nENV A=env\nARG A=arg\nRUN echo $A\n").targetStage();
    assertThat(lastRun(argLast).env()).containsEntry("A", "arg");
    assertThat(argLast.env()).containsEntry("A", "env");

    PlannedStage envLast = plan("FROM busybox\nARG A=arg\nENV A=env\nRUN echo $A\n").targetStage();
    assertThat(lastRun(envLast).env()).containsEntry("A", "env");

    PlannedStage argOnly = plan("FROM busybox\nARG SECRETISH=x\nRUN true\n").targetStage();
    assertThat(lastRun(argOnly).env()).containsEntry("SECRETISH", "x");
    assertThat(argOnly.env()).doesNotContainKey("SECRETISH");
  }

  @Test
  void everySubstitutionInOneInstructionSeesTheValuesFromBeforeIt() throws Exception {
    PlannedStage s = plan("FROM busybox\nENV a=hello\nENV a=bye b=$a\n").targetStage();
    assertThat(s.env()).containsEntry("a", "bye").containsEntry("b", "hello");
  }

  @Test
  void predefinedPlatformArgs() throws Exception {
    PlannedStage s =
        plan("FROM busybox:$TARGETARCH\n"
                + "ENV BEFORE=${TARGETARCH:-none}\n"
                + "ARG TARGETARCH\n"
                + "ENV AFTER=$TARGETARCH\n")
            .targetStage();
    assertThat(s.base()).isEqualTo(new StageBase.Image("busybox:amd64"));
    assertThat(s.env()).containsEntry("BEFORE", "none").containsEntry("AFTER", "amd64");
  }

  @Test
  void everyStageHasAPath() throws Exception {
    assertThat(plan("FROM scratch\n").targetStage().env()).containsKey("PATH");
  }

  @Test
  void unusedBuildArgsAreWarnedAbout() throws Exception {
    BuildPlan p =
        plan("FROM busybox\nARG USED\n", null, Map.of("USED", "1", "TYPO", "2", "HTTP_PROXY", "x"));
    assertThat(p.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.code()).isEqualTo("unused-build-arg");
              assertThat(w.message()).contains("TYPO");
            });
  }

  @Test
  void proxyBuildArgsReachRunWithoutDeclaration() throws Exception {
    BuildPlan p = plan("FROM busybox\nRUN true\n", null, Map.of("HTTP_PROXY", "http://p:3128"));
    assertThat(lastRun(p.targetStage()).env()).containsEntry("HTTP_PROXY", "http://p:3128");
  }

  private static final String MULTI =
      """
      FROM busybox AS base
      RUN echo base
      FROM base AS unused
      RUN exit 1
      FROM busybox AS tools
      RUN echo tools
      FROM base AS final
      COPY --from=tools /bin/x /x
      RUN --mount=type=bind,from=2,target=/t true
      COPY --from=alpine:3 /etc/os-release /
      """;

  @Test
  void onlyTheStagesTheTargetNeedsInDependencyOrder() throws Exception {
    BuildPlan p = plan(MULTI);
    assertThat(p.stages())
        .extracting(PlannedStage::displayName)
        .containsExactly("base", "tools", "final");
    assertThat(p.targetStage().dependsOn()).containsExactly(0, 2);
    assertThat(plan(MULTI, "tools", Map.of()).stages())
        .extracting(PlannedStage::displayName)
        .containsExactly("tools");
    assertThat(plan(MULTI, "UNUSED", Map.of()).stages())
        .extracting(PlannedStage::displayName)
        .containsExactly("base", "unused");
  }

  @Test
  void unknownTargetListsTheStages() {
    BerthException e =
        catchThrowableOfType(() -> plan(MULTI, "nope", Map.of()), BerthException.class);
    assertThat(e.first().message()).contains("'nope'").contains("base, unused, tools, final");
  }

  @Test
  void copyFromItselfOrInACycleIsAnError() {
    BerthException self =
        catchThrowableOfType(
            () -> plan("FROM busybox AS a\nCOPY --from=a /x /y\n"), BerthException.class);
    assertThat(self.first().message()).contains("refers to the stage it is in");
    BerthException cycle =
        catchThrowableOfType(
            () ->
                plan(
                    "FROM busybox AS a\n"
                        + "COPY --from=b /x /y\n"
                        + "FROM busybox AS b\n"
                        + "COPY --from=a /x /y\n"),
            BerthException.class);
    assertThat(cycle.first().message()).contains("depends on itself");
    BerthException index =
        catchThrowableOfType(
            () -> plan("FROM busybox\nCOPY --from=7 /x /y\n"), BerthException.class);
    assertThat(index.first().message()).contains("no stage 7");
  }

  @Test
  void childStagesInheritTheParentsState() throws Exception {
    PlannedStage s =
        plan("FROM busybox AS p\nARG V=1\nENV E=e\nWORKDIR /w\nUSER nobody\nFROM p\nRUN true\n")
            .targetStage();
    PlannedStep run = lastRun(s);
    assertThat(run.env()).containsEntry("V", "1").containsEntry("E", "e");
    assertThat(run.workdir()).isEqualTo("/w");
    assertThat(run.user()).isEqualTo("nobody");
    assertThat(s.env()).doesNotContainKey("V");
  }

  @Test
  void workdirJoinsRelativePaths() throws Exception {
    PlannedStage s =
        plan("FROM busybox\nWORKDIR /a\nWORKDIR b/../c\nENV D=x\nWORKDIR $D\n").targetStage();
    assertThat(s.workdir()).isEqualTo("/a/c/x");
  }

  @Test
  void onbuildTriggersOfABaseStageRunFirst() throws Exception {
    PlannedStage s =
        plan("FROM busybox AS lib\nONBUILD RUN echo triggered\nFROM lib\nRUN echo mine\n")
            .targetStage();
    assertThat(steps(s)).containsExactly("RUN echo triggered", "RUN echo mine");
    assertThat(s.steps().get(0).trigger()).isTrue();
  }

  @Test
  void onbuildTriggersOfABaseImageComeFromItsConfig() throws Exception {
    BaseImageConfigs bases =
        ref ->
            Optional.of(
                new BaseImageConfig(
                    List.of("PATH=/bin", "LANG=C.UTF-8"),
                    "/srv",
                    "",
                    List.of(),
                    List.of("RUN echo from-image")));
    BuildPlan p =
        Planner.plan(
            DockerfileReader.parse("Dockerfile", "FROM base\nENV X=$LANG\n"),
            new PlanOptions(Optional.empty(), Map.of(), AMD64, AMD64),
            bases);
    PlannedStage s = p.targetStage();
    assertThat(s.env()).containsEntry("PATH", "/bin").containsEntry("X", "C.UTF-8");
    assertThat(s.workdir()).isEqualTo("/srv");
    assertThat(steps(s)).containsExactly("RUN echo from-image", "ENV X=C.UTF-8");
  }

  @Test
  void fromThatExpandsToNothingIsAnError() {
    BerthException e =
        catchThrowableOfType(() -> plan("ARG IMG\nFROM $IMG\n"), BerthException.class);
    assertThat(e.first().message()).contains("expands to nothing");
    assertThat(e.first().range().startLine()).isEqualTo(2);
  }

  @Test
  void expandedArgumentsAppearInSteps() throws Exception {
    PlannedStage s =
        plan("FROM busybox\n"
                + "ARG D=/opt\n"
                + "COPY --chown=1:1 a $D/\n"
                + "RUN echo $D\n"
                + "EXPOSE ${P:-8080}/tcp\n")
            .targetStage();
    assertThat(steps(s))
        .containsExactly(
            "ARG D=/opt", "COPY --chown=1:1 a /opt/", "RUN echo $D", "EXPOSE 8080/tcp");
  }
}
