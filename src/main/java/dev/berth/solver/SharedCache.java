package dev.berth.solver;

import dev.berth.diag.BerthException;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.layer.DiffIdIngester;
import dev.berth.layer.DiffIds;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.StageBase;
import dev.berth.solver.cache.CacheArtifact;
import dev.berth.solver.cache.CacheEntry;
import dev.berth.solver.cache.CacheExport;
import dev.berth.solver.cache.CacheLocation;
import dev.berth.solver.cache.CacheTransfer;
import dev.berth.solver.cache.ImportedCache;
import dev.berth.store.LayerForms;
import dev.berth.store.Store;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A build's shared caches: the records {@code --cache-from} imported (manifests and configs only),
 * which a step that misses the local cache looks up, fetching the layer only on a hit; and the
 * records this build used or made, by stage, for {@code --cache-to}.
 */
final class SharedCache {

  /** A record this build used, and the stages that used it. */
  private record Used(CacheEntry entry, Set<Integer> stages) {}

  private final List<ImportedCache> imports;
  private final Store store;
  private final StepCache local;
  private final EventSink events;
  private final Map<Digest, Used> used = new LinkedHashMap<>();

  private SharedCache(List<ImportedCache> imports, Store store, StepCache local, EventSink events) {
    this.imports = List.copyOf(imports);
    this.store = store;
    this.local = local;
    this.events = events;
  }

  /**
   * Reads every {@code --cache-from} source. One that cannot be read (not there yet, unreachable,
   * not a berth cache) is a warning, as with BuildKit: the build goes on without it.
   */
  static SharedCache open(
      BuildRequest request, CacheTransfer transfer, Store store, StepCache local, EventSink events)
      throws IOException {
    List<ImportedCache> imports = new ArrayList<>();
    if (!request.noCache()) {
      for (CacheLocation from : request.cacheFrom()) {
        events.emit(new BuildEvent.Note("importing cache manifest from " + from.describe()));
        try {
          ImportedCache c = transfer.load(from);
          imports.add(c);
          events.emit(
              new BuildEvent.Note(
                  "imported " + c.size() + " cache records from " + from.describe()));
        } catch (InterruptedIOException e) {
          throw e;
        } catch (IOException e) {
          events.emit(
              new BuildEvent.Note(
                  "warning: --cache-from "
                      + from.describe()
                      + ": "
                      + e.getMessage()
                      + "; building without it"));
        }
      }
    }
    return new SharedCache(imports, store, local, events);
  }

  /**
   * The imported result for {@code key}: its layer fetched into the store (unless there already),
   * checked against the record's diff ID, and recorded in the local cache. A layer that cannot be
   * fetched or does not match is a warning and a miss: the step runs.
   */
  Optional<StepCache.Hit> find(Digest key, int step) throws IOException {
    for (ImportedCache c : imports) {
      Optional<CacheEntry> found = c.find(key);
      if (found.isEmpty()) {
        continue;
      }
      CacheEntry e = found.get();
      try {
        if (e.layer().isPresent()) {
          Descriptor layer = e.layer().get();
          // Hashed as it streams in, so the diff ID check below reads nothing back.
          DiffIdIngester fetched = new DiffIdIngester(store.content());
          if (!store.content().exists(layer.digest())) {
            c.fetch(layer, fetched);
          }
          // Snapshots are named by diff IDs: a record that lies must not name one.
          DiffIds.verify(
              store.content(),
              List.of(layer),
              List.of(e.diffId().orElseThrow()),
              "cache from " + c.from().describe(),
              fetched::diffId);
        }
        StepCache.Hit hit = new StepCache.Hit(e.layer(), e.diffId(), e.created());
        local.put(key, hit);
        return Optional.of(hit);
      } catch (InterruptedIOException ex) {
        throw ex;
      } catch (IOException ex) {
        events.emit(
            new BuildEvent.Note(
                step,
                "#"
                    + step
                    + " warning: cache from "
                    + c.from().describe()
                    + ": "
                    + ex.getMessage()
                    + "; running the step"));
      }
    }
    return Optional.empty();
  }

  /** Notes that {@code stage} used (or made) the result {@code entry} describes. */
  synchronized void used(int stage, CacheEntry entry) {
    used.computeIfAbsent(entry.key(), k -> new Used(entry, new HashSet<>())).stages().add(stage);
  }

  /** The records that {@code --cache-to} in {@code mode} writes. */
  synchronized List<CacheEntry> records(CacheExport.Mode mode, BuildPlan plan) {
    Set<Integer> stages = mode == CacheExport.Mode.MAX ? null : finalImageStages(plan);
    List<CacheEntry> out = new ArrayList<>();
    for (Used u : used.values()) {
      if (stages == null || u.stages().stream().anyMatch(stages::contains)) {
        out.add(u.entry());
      }
    }
    return out;
  }

  /** The target stage and the stages it is built FROM, in turn: whose layers the image has. */
  private static Set<Integer> finalImageStages(BuildPlan plan) {
    Map<Integer, PlannedStage> byIndex = new LinkedHashMap<>();
    plan.stages().forEach(s -> byIndex.put(s.index(), s));
    Set<Integer> out = new HashSet<>();
    Integer i = plan.target();
    while (i != null && out.add(i)) {
      PlannedStage s = byIndex.get(i);
      i = s != null && s.base() instanceof StageBase.Stage b ? b.index() : null;
    }
    return out;
  }

  /**
   * Writes the records for each {@code --cache-to}. A failed export fails the build unless it asked
   * for {@code ignore-error=true}.
   */
  void export(BuildRequest request, CacheTransfer transfer) throws IOException {
    for (CacheExport to : request.cacheTo()) {
      List<CacheEntry> records = records(to.mode(), request.plan());
      events.emit(
          new BuildEvent.Note(
              "exporting cache to "
                  + to.to().describe()
                  + " (mode="
                  + to.mode().name().toLowerCase(Locale.ROOT)
                  + ", "
                  + records.size()
                  + " records)"));
      try {
        LayerForms forms = new LayerForms(store);
        CacheArtifact artifact =
            transfer.export(
                to.to(),
                records,
                store.content(),
                (layer, diffId) -> forms.layer(layer, diffId, to.compression(), false));
        events.emit(
            new BuildEvent.Note(
                "exported cache manifest " + artifact.manifestDescriptor().digest()));
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        if (!to.ignoreError()) {
          throw BerthException.wrap("--cache-to " + to.to().describe(), e);
        }
        events.emit(
            new BuildEvent.Note(
                "warning: --cache-to " + to.to().describe() + ": " + e.getMessage()));
      }
    }
  }
}
