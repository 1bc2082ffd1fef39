package dev.berth.solver;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.event.BuildEvent;
import dev.berth.image.ContainerConfig;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Platform;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import dev.berth.plan.op.ConfigOp;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.MountRequest;
import dev.berth.plan.op.RunOp;
import dev.berth.plan.op.WorkdirOp;
import dev.berth.runtime.ProcessExtras;
import dev.berth.runtime.Stdio;
import dev.berth.solver.cache.CacheEntry;
import dev.berth.store.LocalImages;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds one stage: its base, then each step from the cache when its key is known and otherwise by
 * running it. It keeps what went into each key for --explain-cache, for this stage only.
 */
final class StageBuilder {

  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final BuildSession session;
  private final PlannedStage stage;
  private final String name;
  private final List<CacheExplainer.StepRecord> records = new ArrayList<>();
  private List<CacheExplainer.StepRecord> previous = List.of();

  StageBuilder(BuildSession session, PlannedStage stage) {
    this.session = session;
    this.stage = stage;
    // builder, or stage-2 for a stage with no name, as BuildKit shows them.
    this.name = stage.name().orElse("stage-" + stage.index());
  }

  ImageState build() throws IOException, InterruptedException {
    int total = stage.steps().size() + 1;
    int fromStep = session.nextStep();
    String fromText = "FROM " + baseText(stage.base());
    session.events.emit(
        new BuildEvent.StepStarted(fromStep, name, 1, total, fromText, stage.range()));
    long t0 = System.nanoTime();
    ImageState state;
    try {
      state = base();
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      session.events.emit(new BuildEvent.StepFailed(fromStep, e.getMessage()));
      throw locate(e, fromText, stage.range());
    }
    session.events.emit(
        new BuildEvent.StepDone(fromStep, Duration.ofNanos(System.nanoTime() - t0)));
    String stageId = CacheExplainer.stageId(session.request.dockerfile(), name);
    previous = session.explainer.previous(stageId);
    boolean cmdSet = false;
    int number = 1;
    for (PlannedStep s : stage.steps()) {
      number++;
      state = step(s, state, number, total, cmdSet);
      if (s.op() instanceof ConfigOp.Cmd) {
        cmdSet = true;
      }
    }
    session.explainer.save(stageId, records);
    return state;
  }

  /** The failure placed at the instruction: "Dockerfile:3:1: stage app: RUN ...: why". */
  private BerthException locate(IOException e, String text, SourceRange range) {
    return BerthException.wrap("stage " + name + ": " + shortened(text), e).at(range);
  }

  /** The instruction as the message names it: the source line under it shows the rest. */
  private static String shortened(String text) {
    return text.length() <= 120 ? text : text.substring(0, 119) + "…";
  }

  private static String baseText(StageBase base) {
    if (base instanceof StageBase.Image i) {
      return i.reference();
    }
    if (base instanceof StageBase.Stage s) {
      return s.name();
    }
    return "scratch";
  }

  private ImageState base() throws IOException {
    StageBase base = stage.base();
    if (base instanceof StageBase.Stage s) {
      ImageState parent = session.results.get(s.index());
      return parent.with(withoutTriggers(parent.config()), parent.key());
    }
    if (base instanceof StageBase.Scratch) {
      ImageConfig scratch = ImageConfig.scratch(Platform.LINUX_AMD64);
      return new ImageState(
          List.of(), withPath(scratch), CacheKeys.of("scratch", session.clock.keyText()));
    }
    String ref = ((StageBase.Image) base).reference();
    StoredImage img;
    try {
      img = new LocalImages(session.store).findHeld(ref);
    } catch (BerthException e) {
      throw e.wrap(
          "base image "
              + ref
              + " is not in berth's store; add it with berth import, berth load or berth pull");
    }
    ImageConfig config = withPath(withoutTriggers(img.config()));
    return new ImageState(
        img.manifest().layers(),
        config,
        CacheKeys.of(
            "image", img.manifestDescriptor().digest().toString(), session.clock.keyText()));
  }

  private static ImageConfig withoutTriggers(ImageConfig c) {
    return c.withConfig(c.config().toBuilder().onBuild(List.of()).build());
  }

  /** BuildKit gives every stage a PATH, in its config too. */
  private static ImageConfig withPath(ImageConfig c) {
    if (c.config().envValue("PATH").isPresent()) {
      return c;
    }
    ContainerConfig cc = c.config().toBuilder().putEnv("PATH", DEFAULT_PATH).build();
    return c.withConfig(cc);
  }

  private ImageState step(PlannedStep s, ImageState state, int number, int total, boolean cmdSet)
      throws IOException, InterruptedException {
    int id = session.nextStep();
    String text = s.text();
    session.events.emit(new BuildEvent.StepStarted(id, name, number, total, text, s.range()));
    long t0 = System.nanoTime();
    try {
      ImageState next;
      if (s.op() instanceof ConfigOp c) {
        ImageConfig config = ConfigChanges.apply(state.config(), c, cmdSet);
        config =
            config.withEmptyLayerHistory(
                History.configOnly(session.clock.lastCreated(state), s.history(), ""));
        next = state.with(config, CacheKeys.of(state.key().toString(), c.cacheText()));
      } else {
        next = layerStep(s, state, id);
      }
      session.events.emit(new BuildEvent.StepDone(id, Duration.ofNanos(System.nanoTime() - t0)));
      return next;
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      session.events.emit(new BuildEvent.StepFailed(id, e.getMessage()));
      throw locate(e, text, s.range());
    }
  }

  private ImageState layerStep(PlannedStep s, ImageState state, int id)
      throws IOException, InterruptedException {
    String inputs = "";
    Map<String, String> detail = new TreeMap<>();
    if (s.op() instanceof CopyOp c) {
      inputs =
          session
              .copyInputs
              .of(
                  c,
                  session.results,
                  detail,
                  text -> session.events.emit(new BuildEvent.Note(id, "warning: " + text)))
              .toString();
    } else if (s.op() instanceof RunOp r) {
      StringBuilder binds = new StringBuilder();
      for (MountRequest m : r.mounts()) {
        if (m.type().equals("bind")) {
          binds.append(session.copyInputs.ofBind(m, session.results, detail)).append('\n');
        }
      }
      inputs = binds.toString() + runExtrasKey(detail);
    }
    Digest key = CacheKeys.of(state.key().toString(), s.op().cacheText(), inputs);
    CacheExplainer.StepRecord record =
        new CacheExplainer.StepRecord(s.text(), state.key().toString(), s.op().cacheText(), detail);
    records.add(record);
    Optional<StepCache.Hit> hit =
        session.request.noCache() ? Optional.empty() : session.cache.get(key);
    if (hit.isEmpty() && !session.request.noCache()) {
      hit = session.sharedCache.find(key, id);
    }
    if (hit.isEmpty() && session.request.explainCache()) {
      int i = records.size() - 1;
      Optional<CacheExplainer.StepRecord> prev =
          i < previous.size() ? Optional.of(previous.get(i)) : Optional.empty();
      session.events.emit(
          new BuildEvent.Note(
              id, "#" + id + " cache miss: " + CacheExplainer.explain(record, prev)));
    }
    if (hit.isPresent()) {
      session.events.emit(new BuildEvent.StepCached(id));
      session.countCached();
      return used(s, state, hit.get(), key);
    }
    SharedSteps.Outcome outcome = session.shared.compute(key, () -> execute(s, state, id, key));
    if (outcome.shared()) {
      // The same step (same key) ran in another stage: its result is ours.
      session.events.emit(new BuildEvent.StepCached(id));
      session.countCached();
    }
    return used(s, state, outcome.hit(), key);
  }

  /** Applies a layer step's result and notes it among the records --cache-to may write. */
  private ImageState used(PlannedStep s, ImageState state, StepCache.Hit hit, Digest key) {
    session.sharedCache.used(
        stage.index(),
        new CacheEntry(key, state.key(), s.history(), hit.created(), hit.layer(), hit.diffId()));
    return apply(s, state, hit, key);
  }

  /**
   * What {@code --add-host}, {@code --ulimit} and {@code --shm-size} add to a RUN's key, nothing
   * when none is given (so keys stay as they were). As BuildKit's exec op does (its cache map
   * clears each extra host's IP), the host names count and their addresses do not: a step that
   * reaches {@code db} gives the same result whichever machine {@code db} is today. Limits and the
   * size of /dev/shm can change what a command does, so they count.
   */
  private String runExtrasKey(Map<String, String> detail) {
    ProcessExtras x = session.request.runExtras();
    if (x.equals(ProcessExtras.NONE)) {
      return "";
    }
    StringBuilder sb = new StringBuilder("extras\n");
    for (ProcessExtras.HostEntry h : x.hosts()) {
      sb.append("add-host ").append(h.name()).append('\n');
    }
    for (ProcessExtras.Rlimit l : x.rlimits()) {
      sb.append("ulimit ")
          .append(l.type())
          .append('=')
          .append(l.soft())
          .append(':')
          .append(l.hard())
          .append('\n');
    }
    x.shmSize().ifPresent(v -> sb.append("shm-size ").append(v).append('\n'));
    detail.put("run extras", sb.toString().replace('\n', ' ').strip());
    return sb.toString();
  }

  private StepCache.Hit execute(PlannedStep s, ImageState state, int id, Digest key)
      throws IOException, InterruptedException {
    Optional<LayerMade> made;
    if (s.op() instanceof RunOp r) {
      Stdio.LineSink output =
          (channel, line) ->
              session.events.emit(
                  new BuildEvent.StepOutput(id, line, channel == Stdio.Channel.STDERR));
      made = Optional.of(session.runs.run(state, r, session.results, output));
    } else if (s.op() instanceof CopyOp c) {
      made = Optional.of(session.copies.run(c, state, session.results));
    } else {
      made = session.workdirs.run((WorkdirOp) s.op(), state);
    }
    StepCache.Hit result =
        new StepCache.Hit(
            made.map(LayerMade::layer), made.map(LayerMade::diffId), session.clock.now());
    session.cache.put(key, result);
    return result;
  }

  private ImageState apply(PlannedStep s, ImageState state, StepCache.Hit hit, Digest key) {
    ImageConfig config = state.config();
    if (s.op() instanceof WorkdirOp w) {
      config = config.withConfig(config.config().toBuilder().workingDir(w.path()).build());
    }
    if (hit.layer().isEmpty()) {
      config =
          config.withEmptyLayerHistory(
              History.configOnly(session.clock.lastCreated(state), s.history(), ""));
      return state.with(config, key);
    }
    config =
        config.withLayer(
            hit.diffId().get(),
            History.layer(session.clock.layerCreated(hit.created()), s.history(), ""));
    return state.withLayer(hit.layer().get(), config, key);
  }
}
