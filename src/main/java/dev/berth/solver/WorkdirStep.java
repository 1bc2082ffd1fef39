package dev.berth.solver;

import dev.berth.layer.RootPath;
import dev.berth.layer.TarEntry;
import dev.berth.plan.op.WorkdirOp;
import dev.berth.runtime.Users;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** WORKDIR: a layer with the missing directories, or none when the directory exists. */
final class WorkdirStep {

  private final Store store;
  private final Snapshotter snapshotter;
  private final LayerFiles layers;

  WorkdirStep(Store store, Snapshotter snapshotter, LayerFiles layers) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.layers = layers;
  }

  Optional<LayerMade> run(WorkdirOp op, ImageState state) throws IOException {
    Path temp = store.newTempPath("workdir");
    Files.createDirectories(temp);
    try (RootView view = RootView.open(snapshotter, state, temp)) {
      // mkdir -p through the image's symlinks, inside its root.
      RootPath dests = RootPath.of(view.root());
      String rel = dests.resolve(op.path(), true);
      if (rel.isEmpty() || dests.isDirectory(op.path())) {
        return Optional.empty();
      }
      Users.Owner owner = Users.owner(view.root(), op.user());
      Map<String, TarEntry> entries = new LinkedHashMap<>();
      long now = Instant.now().getEpochSecond();
      TreeEntries.parents(entries, "/" + rel, view.root(), owner, now);
      entries.put(rel, TarEntry.directory(rel, 0755, owner.uid(), owner.gid(), now));
      return Optional.of(layers.write(new ArrayList<>(entries.values())));
    } finally {
      AtomicFiles.deleteTree(temp);
    }
  }
}
