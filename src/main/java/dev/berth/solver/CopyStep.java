package dev.berth.solver;

import dev.berth.context.CopySelection;
import dev.berth.diag.BerthException;
import dev.berth.layer.TarEntry;
import dev.berth.plan.op.ChmodMode;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import dev.berth.plan.op.InlineFile;
import dev.berth.runtime.Users;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * COPY and ADD: the files they add are written straight from their sources into a layer (no staging
 * copy), with owners, modes and the parent directories docker gives them.
 */
final class CopyStep {

  private final Store store;
  private final Snapshotter snapshotter;
  private final LayerFiles layers;
  private final BuildInputs inputs;
  private final Downloads downloads;

  CopyStep(
      Store store,
      Snapshotter snapshotter,
      LayerFiles layers,
      BuildInputs inputs,
      Downloads downloads) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.layers = layers;
    this.inputs = inputs;
    this.downloads = downloads;
  }

  LayerMade run(CopyOp op, ImageState state, Map<Integer, ImageState> stages) throws IOException {
    CopySources.checkSupported(op);
    Path temp = store.newTempPath("copy");
    Files.createDirectories(temp);
    try (RootView dest = RootView.open(snapshotter, state, temp)) {
      Users.Owner owner =
          op.chown().isPresent() ? Users.owner(dest.root(), op.chown().get()) : Users.Owner.ROOT;
      Optional<String> chmod = op.chmod();
      Map<String, TarEntry> entries = new LinkedHashMap<>();
      long now = Instant.now().getEpochSecond();
      ImageState from =
          op.source() instanceof CopySource.Stage s
              ? stages.get(s.index())
              : op.source() instanceof CopySource.Image i
                  ? CopySources.image(store, i.reference())
                  : null;
      // A stage or image source stays mounted until the layer is written: entries read from it.
      try (RootView src =
          from == null || op.sources().isEmpty() ? null : RootView.open(snapshotter, from, temp)) {
        CopyOp local = CopySources.localOnly(op);
        if (!local.sources().isEmpty()) {
          CopySelection selection =
              src == null
                  ? CopySources.select(
                      inputs.context(), local, inputs.ignore(), p -> isDir(dest.root(), p))
                  : CopySources.select(src.root(), local, p -> false, p -> isDir(dest.root(), p));
          add(entries, selection, dest.root(), owner, chmod, now);
          if (op.add()) {
            AddArchives.unpack(entries, local, temp, dest.root(), owner, now);
          }
        }
        addUrls(entries, op, local, dest.root(), owner, chmod, now);
        for (InlineFile f : op.inline()) {
          String target = inlineTarget(op, f);
          TreeEntries.parents(entries, target, dest.root(), owner, now);
          Path body = Files.createTempFile(temp, "heredoc-", "");
          Files.writeString(body, f.content(), StandardCharsets.UTF_8);
          entries.put(
              target.substring(1),
              TarEntry.file(
                  target.substring(1),
                  mode(chmod, 0644),
                  owner.uid(),
                  owner.gid(),
                  now,
                  Files.size(body),
                  body));
        }
        return layers.write(new ArrayList<>(entries.values()));
      }
    } finally {
      AtomicFiles.deleteTree(temp);
    }
  }

  private void addUrls(
      Map<String, TarEntry> entries,
      CopyOp op,
      CopyOp local,
      Path destRoot,
      Users.Owner owner,
      Optional<String> chmod,
      long now)
      throws IOException {
    for (String url : CopySources.urls(op)) {
      Downloads.Downloaded d = downloads.fetch(url, op.checksum());
      String target = inlineTarget(op, new InlineFile(d.name(), ""));
      if (!op.destination().endsWith("/")
          && CopySources.urls(op).size() + local.sources().size() > 1) {
        throw BerthException.invalid(
            "When using ADD with more than one source, the destination must be a directory and"
                + " end with a /");
      }
      TreeEntries.parents(entries, target, destRoot, owner, now);
      long mtime = d.lastModified().map(Instant::getEpochSecond).orElse(now);
      entries.put(
          target.substring(1),
          TarEntry.file(
              target.substring(1),
              mode(chmod, 0600),
              owner.uid(),
              owner.gid(),
              mtime,
              d.size(),
              d.file()));
    }
  }

  private static String inlineTarget(CopyOp op, InlineFile f) {
    String dest =
        op.destination().startsWith("/")
            ? op.destination()
            : (op.workdir().isEmpty() ? "/" : op.workdir()) + "/" + op.destination();
    if (dest.endsWith("/")) {
      dest = dest + f.name();
    }
    return Path.of(dest).normalize().toString();
  }

  private static boolean isDir(Path root, String path) {
    return Files.isDirectory(
        root.resolve(path.startsWith("/") ? path.substring(1) : path), LinkOption.NOFOLLOW_LINKS);
  }

  /** {@code --chmod} if given (symbolic modes apply relative to 0644), else {@code otherwise}. */
  private static int mode(Optional<String> chmod, int otherwise) {
    return chmod.map(c -> ChmodMode.apply(c, 0644)).orElse(otherwise);
  }

  private void add(
      Map<String, TarEntry> entries,
      CopySelection selection,
      Path destRoot,
      Users.Owner owner,
      Optional<String> chmod,
      long now)
      throws IOException {
    for (dev.berth.context.CopyOp c : selection.ops()) {
      String name = c.destination().substring(1);
      if (name.isEmpty()) {
        continue;
      }
      TreeEntries.parents(entries, c.destination(), destRoot, owner, now);
      PosixFileAttributes attrs =
          Files.readAttributes(c.source(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      long mtime = attrs.lastModifiedTime().toInstant().getEpochSecond();
      switch (c.kind()) {
        case FILE ->
            entries.put(
                name,
                TarEntry.file(
                    name,
                    mode(chmod, c.mode()),
                    owner.uid(),
                    owner.gid(),
                    mtime,
                    c.size(),
                    c.source()));
        case DIRECTORY -> {
          Path existing = destRoot.resolve(name);
          if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
            entries.put(name, TreeEntries.existingDir(name, existing));
          } else {
            entries.put(
                name,
                TarEntry.directory(name, mode(chmod, c.mode()), owner.uid(), owner.gid(), mtime));
          }
        }
        case SYMLINK ->
            entries.put(
                name, TarEntry.symlink(name, c.linkTarget(), owner.uid(), owner.gid(), mtime));
      }
    }
  }
}
