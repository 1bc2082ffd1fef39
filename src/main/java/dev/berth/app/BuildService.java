package dev.berth.app;

import dev.berth.archive.DockerArchiveWriter;
import dev.berth.archive.ExportedImage;
import dev.berth.archive.OciLayoutWriter;
import dev.berth.solver.BuildFailedException;
import dev.berth.solver.BuildRequest;
import dev.berth.solver.BuildResult;
import dev.berth.solver.Builder;
import dev.berth.diag.DiagnosticException;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import dev.berth.image.ImageReference;
import dev.berth.image.Manifest;
import dev.berth.image.json.ImageJson;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.Planner;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.Runtimes;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoreLock;
import dev.berth.store.snapshot.OverlaySnapshotter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code berth build}: plans the Dockerfile, runs the build, names and exports the result. */
public final class BuildService {

  private final Path root;

  public BuildService(Path storeRoot) {
    this.root = storeRoot;
  }

  public static BuildService forCurrentUser() throws IOException {
    return new BuildService(dev.berth.store.StoreRoot.current());
  }

  /** The result of a build: its image ID and names. */
  public record Outcome(String imageId, List<String> tags, int steps, int cached) {}

  public Outcome build(BuildOptions options, EventSink events)
      throws DiagnosticException, BuildFailure, IOException, InterruptedException {
    Path dockerfile = options.dockerfilePath();
    String text = DockerfileFiles.read(dockerfile);
    List<ImageReference> tags = new ArrayList<>();
    for (String t : options.tags()) {
      try {
        tags.add(ImageService.parseName(t));
      } catch (IOException e) {
        throw new BadInputException(e.getMessage(), e);
      }
    }
    if (!Files.isDirectory(options.context())) {
      throw new BadInputException("build context " + options.context() + " is not a directory");
    }
    Optional<Instant> epoch = sourceDateEpoch(options);
    if (!isRoot()) {
      throw new BadInputException(
          "berth build needs root for now: RUN steps run on overlay mounts through an OCI runtime");
    }
    try (Store store = Store.open(root)) {
      LocalImages images = new LocalImages(store);
      dev.berth.dockerfile.Dockerfile parsed =
          dev.berth.dockerfile.DockerfileReader.parse(dockerfile.toString(), text);
      PlanOptions planOptions =
          PlanOptions.defaults().withTarget(options.target()).withBuildArgs(options.buildArgs());
      BuildPlan plan = Planner.plan(parsed, planOptions, new StoreBaseConfigs(images));
      if (pullBases(plan, images, options.pull(), events)) {
        // The bases' own ENV and ONBUILD triggers are known now: plan again with them.
        plan = Planner.plan(parsed, planOptions, new StoreBaseConfigs(images));
      }
      plan.warnings().forEach(w -> events.emit(new BuildEvent.Note("warning: " + w.message())));
      for (dev.berth.plan.PlannedStage stage : plan.stages()) {
        if (stage.platform().isPresent() && !stage.platform().get().equals("linux/amd64")) {
          throw new BadInputException(
              stage.range()
                  + ": FROM --platform="
                  + stage.platform().get()
                  + ": berth builds only linux/amd64 images for now");
        }
      }
      ContainerRuntime runtime = Runtimes.detect();
      Builder builder =
          new Builder(store, new OverlaySnapshotter(store, Snapshots.unpacker()), runtime, events);
      BuildResult result;
      try {
        result =
            builder.build(
                new BuildRequest(
                    plan,
                    options.context(),
                    dockerfile,
                    options.noCache(),
                    options.labels(),
                    epoch,
                    options.network(),
                    secrets(options.secrets()),
                    options.explainCache()));
      } catch (BuildFailedException e) {
        throw new BuildFailure(
            e.stage(),
            e.instruction(),
            e.location(),
            reasonOf(e),
            e.exitCode(),
            e.lastLines(),
            e.badInput());
      }
      try (StoreLock.Held held = store.lock().acquire()) {
        for (ImageReference t : tags) {
          store.refs().put(t.toString(), result.manifest());
        }
      }
      String id = result.imageId().toString();
      if (options.push()) {
        RegistryService registry = RegistryService.forCurrentUser();
        for (ImageReference t : tags) {
          events.emit(new BuildEvent.Note("pushing " + t.familiar()));
          events.emit(
              new BuildEvent.Note(
                  registry.push(t.toString(), line -> events.emit(new BuildEvent.Note(line)))));
        }
      }
      if (options.iidfile().isPresent()) {
        Files.writeString(options.iidfile().get(), id, StandardCharsets.UTF_8);
      }
      if (options.output().isPresent()) {
        export(store, result, tags, options.output().get());
      }
      return new Outcome(
          id,
          tags.stream().map(ImageReference::familiar).toList(),
          result.steps(),
          result.cached());
    }
  }

  /**
   * Pulls the FROM images the store lacks (all of them with {@code always}) from their registries.
   *
   * @return whether anything was pulled
   */
  private static boolean pullBases(
      BuildPlan plan, LocalImages images, boolean always, EventSink events) throws IOException {
    java.util.Set<String> refs = new java.util.LinkedHashSet<>();
    for (dev.berth.plan.PlannedStage stage : plan.stages()) {
      if (stage.base() instanceof dev.berth.plan.StageBase.Image i) {
        refs.add(i.reference());
      }
    }
    boolean pulled = false;
    RegistryService registry = null;
    for (String ref : refs) {
      if (!always) {
        try {
          images.find(ref);
          continue;
        } catch (IOException notInStore) {
          // pull it
        }
      }
      if (registry == null) {
        registry = RegistryService.forCurrentUser();
      }
      events.emit(new BuildEvent.Note("pulling " + ref));
      try {
        registry.pull(ref, line -> events.emit(new BuildEvent.Note(line)));
        pulled = true;
      } catch (IOException e) {
        throw new BadInputException(
            "base image "
                + ref
                + " is not in berth's store and cannot be pulled: "
                + e.getMessage()
                + " (add it with berth import, berth load or berth pull)",
            e);
      }
    }
    return pulled;
  }

  /**
   * Reads {@code --secret} values: {@code id=ID,src=FILE}, {@code id=ID,env=VAR}, or {@code id=ID}
   * (env var ID).
   */
  static java.util.Map<String, byte[]> secrets(List<String> specs) throws BadInputException {
    java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    for (String spec : specs) {
      String id = null;
      String src = null;
      String env = null;
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        String k = eq < 0 ? part : part.substring(0, eq);
        String v = eq < 0 ? "" : part.substring(eq + 1);
        switch (k) {
          case "id" -> id = v;
          case "src", "source" -> src = v;
          case "env" -> env = v;
          case "type" -> {
            if (!v.equals("file") && !v.equals("env")) {
              throw new BadInputException(
                  "invalid --secret '" + spec + "': type must be file or env");
            }
          }
          default ->
              throw new BadInputException(
                  "invalid --secret '"
                      + spec
                      + "': unknown key '"
                      + k
                      + "' (expected id, src or env)");
        }
      }
      if (id == null || id.isEmpty()) {
        throw new BadInputException("invalid --secret '" + spec + "': id=ID is required");
      }
      if (src != null) {
        try {
          out.put(id, Files.readAllBytes(Path.of(src)));
        } catch (IOException e) {
          throw new BadInputException(
              "--secret " + id + ": cannot read " + src + ": " + e.getMessage());
        }
      } else {
        String name = env != null ? env : id;
        String value = System.getenv(name);
        if (value == null) {
          throw new BadInputException(
              "--secret " + id + ": environment variable " + name + " is not set");
        }
        out.put(id, value.getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String reasonOf(BuildFailedException e) {
    String m = e.getMessage();
    String prefix = e.location() + ": stage " + e.stage() + ": " + e.instruction() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private static Optional<Instant> sourceDateEpoch(BuildOptions options) throws BadInputException {
    String v = options.buildArgs().get("SOURCE_DATE_EPOCH");
    if (v == null) {
      v = System.getenv("SOURCE_DATE_EPOCH");
    }
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "SOURCE_DATE_EPOCH must be a whole number of seconds, not '" + v + "'");
    }
  }

  private static void export(
      Store store, BuildResult result, List<ImageReference> tags, BuildOptions.Output output)
      throws IOException {
    Manifest manifest = ImageJson.readManifest(store.content().readAll(result.manifest().digest()));
    ExportedImage img = new ExportedImage(tags, result.manifest(), manifest);
    Path abs = output.destination().toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".partial");
    try {
      try (OutputStream out =
          new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        if (output.format() == ArchiveFormat.DOCKER) {
          DockerArchiveWriter.write(store.content(), List.of(img), out);
        } else {
          OciLayoutWriter.write(store.content(), List.of(img), out);
        }
      }
      Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static boolean isRoot() {
    return dev.berth.layer.LayerApplier.isRoot();
  }
}
