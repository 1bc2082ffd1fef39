package dev.berth.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.dockerfile.DockerfileReader;
import dev.berth.event.BuildEvent;
import dev.berth.image.Digest;
import dev.berth.image.LayerCompression;
import dev.berth.layer.LayerApplier;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.Planner;
import dev.berth.runtime.ProcessExtras;
import dev.berth.solver.cache.CacheConfigJson;
import dev.berth.solver.cache.CacheEntry;
import dev.berth.solver.cache.CacheExport;
import dev.berth.solver.cache.CacheLocation;
import dev.berth.solver.cache.CacheTransfer;
import dev.berth.store.LayerForms;
import dev.berth.store.Store;
import dev.berth.store.snapshot.CopySnapshotter;
import dev.berth.store.snapshot.LayerUnpacker;
import java.io.FilterInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "runners" (two stores, each with its own context copy and runtime) sharing a cache through an
 * OCI layout directory, in-process: what the second takes from the first, and what it runs.
 */
class SharedCacheTest {

  @TempDir Path tmp;

  private static final String DOCKERFILE =
      "FROM scratch AS deps\n"
          + "RUN write /deps/lib.txt lib\n"
          + "FROM scratch AS builder\n"
          + "COPY requirements.txt /app/\n"
          + "RUN write /app/venv.txt venv\n"
          + "FROM builder AS app-pre\n"
          + "COPY src /app/src\n"
          + "RUN write /app/installed.txt yes\n"
          + "COPY --from=deps /deps /deps\n"
          + "WORKDIR /app\n"
          + "ENV A=1\n";

  /** One machine: its store, its runtime, its copy of the context. */
  private final class Runner implements AutoCloseable {
    final Store store;
    final ScriptedRuntime runtime = new ScriptedRuntime(1);
    final Path context;
    final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());

    Runner(String name) throws Exception {
      store = Store.open(tmp.resolve(name).resolve("store"));
      context = Files.createDirectories(tmp.resolve(name).resolve("ctx"));
      Files.writeString(context.resolve("requirements.txt"), "flask\n");
      Files.createDirectories(context.resolve("src"));
      Files.writeString(context.resolve("src/main.py"), "print('hi')\n");
      Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    }

    BuildResult build(List<CacheLocation> from, List<CacheExport> to) throws Exception {
      events.clear();
      Path file = context.resolve("Dockerfile");
      BuildPlan plan =
          Planner.plan(
              DockerfileReader.parse(file.toString(), DOCKERFILE),
              PlanOptions.defaults(),
              ref -> Optional.empty());
      Solver solver =
          new Solver(
              store,
              new CopySnapshotter(store, unpacker()),
              runtime,
              events::add,
              2,
              new CacheTransfer(Optional.empty()));
      return solver.solve(
          new BuildRequest(
              plan,
              context,
              file,
              false,
              Map.of(),
              Optional.empty(),
              Optional.empty(),
              Map.of(),
              false,
              from,
              to,
              ProcessExtras.NONE,
              Map.of(),
              Map.of()));
    }

    long cached() {
      return events.stream().filter(e -> e instanceof BuildEvent.StepCached).count();
    }

    List<String> notes() {
      return events.stream()
          .filter(e -> e instanceof BuildEvent.Note)
          .map(e -> ((BuildEvent.Note) e).text())
          .toList();
    }

    @Override
    public void close() throws Exception {
      store.close();
    }
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

  private CacheExport max(Path dir) {
    return new CacheExport(new CacheLocation.Local(dir), CacheExport.Mode.MAX, false);
  }

  @Test
  void aSecondEmptyStoreTakesEveryStepFromTheCacheAndMakesTheSameImage() throws Exception {
    Path cache = tmp.resolve("cache");
    try (Runner first = new Runner("one");
        Runner second = new Runner("two")) {
      BuildResult one = first.build(List.of(), List.of(max(cache)));
      assertThat(first.runtime.ran()).hasSize(3);
      assertThat(cache.resolve("index.json")).exists();
      assertThat(cache.resolve("oci-layout")).exists();

      BuildResult two = second.build(List.of(new CacheLocation.Local(cache)), List.of());
      assertThat(second.runtime.ran()).isEmpty();
      // Every layer step: 2 RUNs in deps/builder, COPY, RUN, COPY, RUN, COPY --from, WORKDIR.
      assertThat(second.cached()).isEqualTo(7);
      assertThat(two.imageId()).isEqualTo(one.imageId());
      // The first store keeps its layers uncompressed, the second the gzip blobs the cache
      // shared: the stored manifests differ, and the images leave with the same manifest.
      assertThat(
              new LayerForms(second.store)
                  .outbound(two.manifest(), LayerCompression.DEFAULT)
                  .descriptor())
          .isEqualTo(
              new LayerForms(first.store)
                  .outbound(one.manifest(), LayerCompression.DEFAULT)
                  .descriptor());
      assertThat(second.notes()).contains("imported 7 cache records from local " + cache);

      // The records are local now: the next build needs no import.
      second.build(List.of(), List.of());
      assertThat(second.runtime.ran()).isEmpty();
      assertThat(second.cached()).isEqualTo(7);
    }
  }

  @Test
  void aOneFileChangeOnTheSecondRunnerRerunsOnlyTheStepsAfterIt() throws Exception {
    Path cache = tmp.resolve("cache");
    try (Runner first = new Runner("one");
        Runner second = new Runner("two")) {
      first.build(List.of(), List.of(max(cache)));
      Files.writeString(second.context.resolve("src/main.py"), "print('changed')\n");
      second.build(List.of(new CacheLocation.Local(cache)), List.of());
      assertThat(second.runtime.ran()).containsExactly("write /app/installed.txt yes");
      // deps RUN, builder COPY and RUN come from the cache; COPY src and everything after run.
      assertThat(second.cached()).isEqualTo(3);
    }
  }

  @Test
  void aZstdCacheIsWrittenAsZstdAndReadBack() throws Exception {
    Path cache = tmp.resolve("cache");
    try (Runner first = new Runner("one");
        Runner second = new Runner("two")) {
      BuildResult one =
          first.build(
              List.of(),
              List.of(
                  new CacheExport(
                      new CacheLocation.Local(cache),
                      CacheExport.Mode.MAX,
                      false,
                      LayerCompression.parse("zstd", null, false, "--cache-to"))));
      byte[] index = Files.readAllBytes(cache.resolve("index.json"));
      String manifestHex = new String(index).replaceAll("(?s).*\"sha256:([0-9a-f]{64})\".*", "$1");
      String manifest = Files.readString(cache.resolve("blobs/sha256").resolve(manifestHex));
      assertThat(manifest)
          .contains("application/vnd.oci.image.layer.v1.tar+zstd")
          .doesNotContain("tar+gzip\"")
          .doesNotContain("layer.v1.tar\"");

      BuildResult two = second.build(List.of(new CacheLocation.Local(cache)), List.of());
      assertThat(second.runtime.ran()).isEmpty();
      assertThat(two.imageId()).isEqualTo(one.imageId());
    }
  }

  @Test
  void modeMinExportsOnlyTheFinalImagesStages() throws Exception {
    Path cache = tmp.resolve("cache");
    try (Runner first = new Runner("one");
        Runner second = new Runner("two")) {
      first.build(
          List.of(),
          List.of(new CacheExport(new CacheLocation.Local(cache), CacheExport.Mode.MIN, false)));
      second.build(List.of(new CacheLocation.Local(cache)), List.of());
      // The deps stage reaches the image only through COPY --from: min leaves it out.
      assertThat(second.runtime.ran()).containsExactly("write /deps/lib.txt lib");
    }
  }

  @Test
  void aRecordWhoseLayerDoesNotMatchItsDiffIdIsRefusedAndTheStepRuns() throws Exception {
    Path cache = tmp.resolve("cache");
    Path forged = tmp.resolve("forged");
    try (Runner first = new Runner("one");
        Runner second = new Runner("two")) {
      first.build(List.of(), List.of(max(cache)));
      // Every record claims the diff ID of some other record's layer.
      byte[] index = Files.readAllBytes(cache.resolve("index.json"));
      String manifestHex = new String(index).replaceAll("(?s).*\"sha256:([0-9a-f]{64})\".*", "$1");
      List<CacheEntry> lies = new ArrayList<>();
      for (CacheEntry e : CacheConfigJson.read(configOf(cache, manifestHex), "test")) {
        lies.add(
            e.layer().isEmpty()
                ? e
                : new CacheEntry(
                    e.key(),
                    e.parent(),
                    e.createdBy(),
                    e.created(),
                    e.layer(),
                    Optional.of(Digest.sha256("not the layer".getBytes()))));
      }
      new CacheTransfer(Optional.empty())
          .export(new CacheLocation.Local(forged), lies, first.store.content());

      BuildResult two = second.build(List.of(new CacheLocation.Local(forged)), List.of());
      assertThat(second.runtime.ran()).hasSize(3);
      assertThat(second.notes())
          .anySatisfy(n -> assertThat(n).contains("warning: cache from local").contains("diff ID"));
      assertThat(two.imageId()).isNotNull();
    }
  }

  @Test
  void severalSourcesMergeAndARunnerThatOnlyHitPassesTheRecordsOn() throws Exception {
    Path cache = tmp.resolve("cache");
    Path relay = tmp.resolve("relay");
    try (Runner first = new Runner("one");
        Runner second = new Runner("two");
        Runner third = new Runner("three")) {
      BuildResult one = first.build(List.of(), List.of(max(cache)));
      second.build(
          List.of(new CacheLocation.Local(tmp.resolve("missing")), new CacheLocation.Local(cache)),
          List.of(max(relay)));
      assertThat(second.runtime.ran()).isEmpty();
      // The third runner reads only what the second, which ran nothing, exported.
      BuildResult three = third.build(List.of(new CacheLocation.Local(relay)), List.of());
      assertThat(third.runtime.ran()).isEmpty();
      assertThat(three.imageId()).isEqualTo(one.imageId());
    }
  }

  @Test
  void aCacheSourceThatIsNotThereIsAWarningAndTheBuildGoesOn() throws Exception {
    try (Runner runner = new Runner("one")) {
      runner.build(List.of(new CacheLocation.Local(tmp.resolve("nothing"))), List.of());
      assertThat(runner.runtime.ran()).hasSize(3);
      assertThat(runner.notes())
          .anySatisfy(
              n -> assertThat(n).startsWith("warning: --cache-from local").contains("index.json"));
    }
  }

  private static byte[] configOf(Path layout, String manifestHex) throws Exception {
    String manifest = Files.readString(layout.resolve("blobs/sha256").resolve(manifestHex));
    String configHex =
        manifest.replaceAll("(?s).*\"config\":\\{[^}]*\"sha256:([0-9a-f]{64})\".*", "$1");
    return Files.readAllBytes(layout.resolve("blobs/sha256").resolve(configHex));
  }
}
