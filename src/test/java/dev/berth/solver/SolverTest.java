package dev.berth.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import dev.berth.layer.LayerApplier;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.Planner;
import dev.berth.store.Store;
import dev.berth.store.snapshot.CopySnapshotter;
import dev.berth.store.snapshot.LayerUnpacker;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The solver in-process, over the copy snapshotter and a scripted runtime: cache keys, shared
 * steps, parallel stages, --explain-cache and failures, with no root, mount or OCI runtime.
 */
class SolverTest {

  @TempDir Path tmp;
  Path context;
  Store store;
  ScriptedRuntime runtime;
  List<BuildEvent> events;

  @BeforeEach
  void setUp() throws IOException {
    context = Files.createDirectories(tmp.resolve("ctx"));
    store = Store.open(tmp.resolve("store"));
    runtime = new ScriptedRuntime(2);
    events = Collections.synchronizedList(new ArrayList<>());
  }

  @AfterEach
  void tearDown() throws IOException {
    store.close();
  }

  private static LayerUnpacker unpacker() {
    LayerApplier applier = new LayerApplier();
    return (blob, in, target) ->
        applier
            .apply(
                new FilterInputStream(in) {
                  @Override
                  public void close() {}
                },
                target.root())
            .diffId();
  }

  private BuildResult build(String dockerfile, Map<String, String> args, boolean explain)
      throws Exception {
    Path file = context.resolve("Dockerfile");
    Files.writeString(file, dockerfile);
    BuildPlan plan =
        Planner.plan(
            DockerfileReader.parse(file.toString(), dockerfile),
            PlanOptions.defaults().withBuildArgs(args),
            ref -> Optional.empty());
    EventSink sink = events::add;
    Solver solver = new Solver(store, new CopySnapshotter(store, unpacker()), runtime, sink, 2);
    return solver.solve(
        new BuildRequest(
            plan,
            context,
            file,
            false,
            Map.of(),
            Optional.of(Instant.ofEpochSecond(1_700_000_000)),
            Optional.empty(),
            Map.of(),
            explain));
  }

  private BuildResult build(String dockerfile) throws Exception {
    return build(dockerfile, Map.of(), false);
  }

  private long cachedSteps() {
    return events.stream().filter(e -> e instanceof BuildEvent.StepCached).count();
  }

  @Test
  void aSecondBuildIsAllCachedAndGivesTheSameImageId() throws Exception {
    Files.writeString(context.resolve("a.txt"), "a");
    String df = "FROM scratch\nCOPY a.txt /a.txt\nRUN write /b.txt b\nWORKDIR /w\nENV X=1\n";
    BuildResult first = build(df);
    events.clear();
    BuildResult second = build(df);
    assertThat(second.imageId()).isEqualTo(first.imageId());
    assertThat(runtime.ran()).hasSize(1);
    assertThat(cachedSteps()).isEqualTo(3);
  }

  @Test
  void touchingASourceChangesNothingButNewContentRerunsItsStepAndThoseAfter() throws Exception {
    Path a = context.resolve("a.txt");
    Files.writeString(a, "a");
    String df = "FROM scratch\nRUN write /first x\nCOPY a.txt /a.txt\nRUN write /after y\n";
    BuildResult first = build(df);
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    assertThat(build(df).imageId()).isEqualTo(first.imageId());
    assertThat(runtime.ran()).hasSize(2);

    Files.writeString(a, "changed");
    BuildResult third = build(df);
    assertThat(third.imageId()).isNotEqualTo(first.imageId());
    assertThat(runtime.ran()).containsExactly("write /first x", "write /after y", "write /after y");
  }

  @Test
  void anIdenticalStepInTwoStagesRunsOnce() throws Exception {
    String df =
        "FROM scratch AS one\nRUN write /same 1\n"
            + "FROM scratch AS two\nRUN write /same 1\n"
            + "FROM scratch\nCOPY --from=one /same /1\nCOPY --from=two /same /2\n";
    build(df);
    assertThat(runtime.ran()).containsExactly("write /same 1");
    assertThat(cachedSteps()).isEqualTo(1);
  }

  @Test
  void independentStagesRunAtTheSameTime() throws Exception {
    String df =
        "FROM scratch AS left\nRUN meet && write /l l\n"
            + "FROM scratch AS right\nRUN meet && write /r r\n"
            + "FROM scratch\nCOPY --from=left /l /l\nCOPY --from=right /r /r\n";
    // Each "meet" waits for the other: built one after the other, they would time out and fail.
    build(df);
    assertThat(runtime.ran()).containsExactlyInAnyOrder("meet && write /l l", "meet && write /r r");
  }

  @Test
  void stagesTheTargetDoesNotNeedNeverRun() throws Exception {
    build("FROM scratch AS unused\nRUN exit 42\nFROM scratch\nRUN write /ok 1\n");
    assertThat(runtime.ran()).containsExactly("write /ok 1");
  }

  @Test
  void explainCacheNamesTheBuildArgThatChanged() throws Exception {
    String df = "FROM scratch\nARG LEVEL\nRUN write /level $LEVEL\n";
    build(df, Map.of("LEVEL", "1"), true);
    events.clear();
    build(df, Map.of("LEVEL", "2"), true);
    assertThat(
            events.stream()
                .filter(e -> e instanceof BuildEvent.Note)
                .map(e -> ((BuildEvent.Note) e).text()))
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("cache miss")
                    .contains("build args or env in scope changed: LEVEL: 1 -> 2"));
  }

  @Test
  void aFailingRunIsLocatedAtItsInstructionWithItsLastOutput() throws Exception {
    String df = "FROM scratch AS app\nRUN write /ok 1\nRUN echo about to fail && exit 3\n";
    BerthException e = catchThrowableOfType(() -> build(df), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.FAILED);
    assertThat(e.first().range().startLine()).isEqualTo(3);
    assertThat(e.first().message())
        .contains("stage app: RUN echo about to fail && exit 3")
        .contains("exited with code 3");
    assertThat(e.details()).containsExactly("about to fail");
    assertThat(events).anySatisfy(ev -> assertThat(ev).isInstanceOf(BuildEvent.StepFailed.class));
  }

  @Test
  void aMissingCopySourceIsBadInputAtItsLine() throws Exception {
    BerthException e =
        catchThrowableOfType(
            () -> build("FROM scratch\n\nCOPY missing.txt /x\n"), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.first().range().startLine()).isEqualTo(3);
    assertThat(e.getMessage()).contains("missing.txt");
    assertThat(runtime.ran()).isEmpty();
  }

  @Test
  void aFailedStepLeavesNoSnapshotOrCacheRecordBehind() throws Exception {
    Files.writeString(context.resolve("a.txt"), "a");
    catchThrowableOfType(() -> build("FROM scratch\nRUN exit 1\n"), BerthException.class);
    assertThat(store.cache().keys()).isEmpty();
    assertThat(new CopySnapshotter(store, unpacker()).list()).isEmpty();
  }
}
