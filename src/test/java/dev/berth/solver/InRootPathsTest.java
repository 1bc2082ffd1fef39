package dev.berth.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.event.BuildEvent;
import dev.berth.layer.LayerApplier;
import dev.berth.layer.RootPath;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.Planner;
import dev.berth.store.Store;
import dev.berth.store.snapshot.CopySnapshotter;
import dev.berth.store.snapshot.LayerUnpacker;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Symlinks planted in a stage resolve inside that stage's root for every path berth itself reads or
 * mounts on the host: RUN bind-mount sources, {@code --chown} names, COPY destinations, WORKDIR and
 * {@code --from} sources. Each stage links into {@link #host}, a directory of the host holding a
 * marker file, which must never be read, mounted or written.
 */
class InRootPathsTest {

  @TempDir Path tmp;
  Path context;
  Path host;
  Store store;
  List<BuildEvent> events;

  @BeforeEach
  void setUp() throws IOException {
    context = Files.createDirectories(tmp.resolve("ctx"));
    host = Files.createDirectories(tmp.resolve("host-marker"));
    Files.writeString(host.resolve("marker"), "host");
    Files.writeString(context.resolve("a.txt"), "a");
    store = Store.open(tmp.resolve("store"));
    events = Collections.synchronizedList(new ArrayList<>());
  }

  @AfterEach
  void tearDown() throws IOException {
    store.close();
    // Nothing of the builds landed in the host directory.
    try (var names = Files.list(host)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("marker");
    }
  }

  private List<String> build(String dockerfile) throws Exception {
    Path file = context.resolve("Dockerfile");
    Files.writeString(file, dockerfile);
    LayerApplier applier = new LayerApplier();
    LayerUnpacker unpacker =
        (blob, in, target) ->
            applier
                .apply(
                    new FilterInputStream(in) {
                      @Override
                      public void close() {}
                    },
                    target.root())
                .diffId();
    Solver solver =
        new Solver(
            store, new CopySnapshotter(store, unpacker), new ScriptedRuntime(1), events::add, 2);
    solver.solve(
        new BuildRequest(
            Planner.plan(
                DockerfileReader.parse(file.toString(), dockerfile),
                PlanOptions.defaults(),
                ref -> Optional.empty()),
            context,
            file,
            false,
            Map.of(),
            Optional.of(Instant.ofEpochSecond(1_700_000_000)),
            Optional.empty(),
            Map.of(),
            false));
    return events.stream()
        .filter(e -> e instanceof BuildEvent.StepOutput)
        .map(e -> ((BuildEvent.StepOutput) e).line())
        .toList();
  }

  @Test
  void aBindMountSourceThatLinksOutMountsTheStagesPathNotTheHosts() throws Exception {
    String df =
        "FROM scratch AS data\n"
            + ("RUN link " + host + " /data && write " + host + "/inside stage\n")
            + "FROM scratch\n"
            + "RUN --mount=type=bind,from=data,source=/data,target=/m mounted /m\n";
    assertThat(build(df)).containsExactly("[inside]");
  }

  @Test
  void aBindMountSourceWhoseInRootTargetIsMissingIsNotFound() throws Exception {
    String df =
        "FROM scratch AS data\n"
            + ("RUN link " + host + " /data\n")
            + "FROM scratch\n"
            + "RUN --mount=type=bind,from=data,source=/data/,target=/m mounted /m\n";
    BerthException e = catchThrowableOfType(() -> build(df), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).contains("source /data/ not found");
  }

  @Test
  void aChownNameIsLookedUpInTheStagesEtcThroughAnAbsoluteLink() throws Exception {
    // 'berthapp' exists only in the stage's passwd, which its /etc reaches through a link.
    String df =
        "FROM scratch\n"
            + "RUN write /real/passwd berthapp:x:4321:4321::/:/bin/sh"
            + " && write /real/group berthgrp:x:4322: && link /real /etc\n"
            + "COPY --chown=berthapp:berthgrp a.txt /a.txt\n"
            + "RUN owner /a.txt\n";
    List<String> out = build(df);
    if (LayerApplier.isRoot()) {
      assertThat(out).containsExactly("4321:4322");
    }
  }

  @Test
  void aCopyDestinationThroughAnAbsoluteLinkLandsInTheRoot() throws Exception {
    String df =
        "FROM scratch\n"
            + ("RUN link " + host + " /out\n")
            + "COPY a.txt /out/\n"
            + ("RUN cat " + host + "/a.txt\n");
    assertThat(build(df)).containsExactly("a");
  }

  @Test
  void aWorkdirThroughALinkIsMadeInTheRoot() throws Exception {
    String df =
        "FROM scratch\n"
            + ("RUN link " + host + " /w\n")
            + "WORKDIR /w/sub\n"
            + "COPY a.txt .\n"
            + ("RUN cat " + host + "/sub/a.txt\n");
    assertThat(build(df)).containsExactly("a");
  }

  @Test
  void aFromSourceThroughALinkReadsTheStage() throws Exception {
    String df =
        "FROM scratch AS data\n"
            + ("RUN link " + host + " /h && write " + host + "/g stage\n")
            + "FROM scratch\n"
            + "COPY --from=data /h/ /got/\n"
            + "RUN cat /got/g && cat /got/marker\n";
    assertThat(build(df)).containsExactly("stage", "missing");
  }

  @Test
  void dotDotInADestinationOrALinkStopsAtTheRoot() throws Exception {
    String df =
        "FROM scratch\n"
            + "RUN link ../../../../../.. /up\n"
            + "COPY a.txt /../../up/../x/\n"
            + "RUN cat /x/a.txt\n";
    assertThat(build(df)).containsExactly("a");
  }

  @Test
  void aSymlinkLoopInADestinationIsBadInput() throws Exception {
    String df = "FROM scratch\nRUN link /loop /loop\nCOPY a.txt /loop/x\n";
    BerthException e = catchThrowableOfType(() -> build(df), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.code()).isEqualTo(RootPath.SYMLINK_LOOP);
    assertThat(e.getMessage()).contains("too many levels of symbolic links");
  }
}
