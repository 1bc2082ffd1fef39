package dev.berth.solver;

import dev.berth.context.CopySelection;
import dev.berth.context.FileKind;
import dev.berth.diag.BerthException;
import dev.berth.layer.RootPath;
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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

  /** The local files a COPY reads: the build context, or the named context it names. */
  private BuildInputs local(CopyOp op) throws IOException {
    return op.source() instanceof CopySource.Named n ? inputs.named(n.name()) : inputs;
  }

  LayerMade run(CopyOp op, ImageState state, Map<Integer, ImageState> stages) throws IOException {
    CopySources.checkSupported(op);
    Path temp = store.newTempPath("copy");
    Files.createDirectories(temp);
    try (RootView dest = RootView.open(snapshotter, state, temp)) {
      RootPath dests = RootPath.of(dest.root());
      Optional<Users.Owner> chown =
          op.chown().isPresent()
              ? Optional.of(Users.owner(dest.root(), op.chown().get()))
              : Optional.empty();
      Optional<String> chmod = op.chmod();
      Map<String, TarEntry> entries = new LinkedHashMap<>();
      long now = Instant.now().getEpochSecond();
      ImageState from =
          op.source() instanceof CopySource.Stage s
              ? stages.get(s.index())
              : op.source() instanceof CopySource.Image i
                  ? CopySources.image(store, i.reference())
                  : null;
      Written written = new Written(dests, chown, chmod, now);
      // A stage or image source stays mounted until the layer is written: entries read from it.
      try (RootView src =
          from == null || op.sources().isEmpty() ? null : RootView.open(snapshotter, from, temp)) {
        CopyOp local = CopySources.localOnly(op);
        if (!local.sources().isEmpty()) {
          CopySelection selection =
              src == null
                  ? CopySources.select(
                      local(op).context(), local, local(op).ignore(), dests::isDirectoryQuietly)
                  : CopySources.select(src.root(), local, p -> false, dests::isDirectoryQuietly);
          // Context files arrive as 0:0 in BuildKit; a stage's or an image's keep their owners.
          List<String> archives = add(entries, selection, written, src != null);
          if (op.add()) {
            String destination = dests.resolve(selection.destination(), true);
            AddArchives.unpack(entries, archives, destination, written::parents, chown, temp);
          }
        }
        addUrls(entries, op, local, written);
        for (InlineFile f : op.inline()) {
          String target = target(op, f.name(), dests);
          written.parents(entries, target);
          Path body = Files.createTempFile(temp, "heredoc-", "");
          Files.writeString(body, f.content(), StandardCharsets.UTF_8);
          Users.Owner owner = written.parentOwner();
          entries.put(
              target,
              TarEntry.file(
                  target,
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

  /** Adds the parent directories of a resolved name to a layer's entries. */
  @FunctionalInterface
  interface Parents {
    void add(Map<String, TarEntry> entries, String resolved) throws IOException;
  }

  /**
   * What every entry of one COPY shares: where names land, the {@code --chown} owner, the {@code
   * --chmod} mode, the time for new directories.
   */
  private record Written(
      RootPath dests, Optional<Users.Owner> chown, Optional<String> chmod, long now) {

    /** New parents and new top-level directories: 0:0 unless {@code --chown}. */
    Users.Owner parentOwner() {
      return chown.orElse(Users.Owner.ROOT);
    }

    /** Parents of a resolved name: existing ones as they are, new ones 0755 or the chmod mode. */
    void parents(Map<String, TarEntry> entries, String resolved) throws IOException {
      TreeEntries.parents(
          entries, "/" + resolved, dests.file(""), parentOwner(), mode(chmod, 0755), now);
    }
  }

  private void addUrls(Map<String, TarEntry> entries, CopyOp op, CopyOp local, Written w)
      throws IOException {
    for (String url : CopySources.urls(op)) {
      Downloads.Downloaded d = downloads.fetch(url, op.checksum());
      if (!op.destination().endsWith("/")
          && CopySources.urls(op).size() + local.sources().size() > 1) {
        throw BerthException.invalid(
            "When using ADD with more than one source, the destination must be a directory and"
                + " end with a /");
      }
      String target = target(op, d.name(), w.dests());
      w.parents(entries, target);
      long mtime = d.lastModified().map(Instant::getEpochSecond).orElse(w.now());
      Users.Owner owner = w.parentOwner();
      entries.put(
          target,
          TarEntry.file(
              target, mode(w.chmod(), 0600), owner.uid(), owner.gid(), mtime, d.size(), d.file()));
    }
  }

  /**
   * Where a file that is not read from a tree (a here-document, a download) lands: inside the
   * destination when it ends in {@code /} or is a directory, else at the destination itself, which
   * is followed when it is a symlink.
   */
  private static String target(CopyOp op, String name, RootPath dests) throws IOException {
    String dest =
        op.destination().startsWith("/")
            ? op.destination()
            : (op.workdir().isEmpty() ? "/" : op.workdir()) + "/" + op.destination();
    if (dest.endsWith("/") || dests.isDirectory(dest)) {
      return dests.resolve(Path.of(dest, name).normalize().toString(), false);
    }
    return dests.resolve(Path.of(dest).normalize().toString(), true);
  }

  /** {@code --chmod} if given (symbolic modes apply relative to 0644), else {@code otherwise}. */
  private static int mode(Optional<String> chmod, int otherwise) {
    return chmod.map(c -> ChmodMode.apply(c, 0644)).orElse(otherwise);
  }

  /**
   * Adds the entries of a selection and returns the names of the named files among them (the local
   * archives ADD may unpack). The instruction's own destination is followed through a symlink, as
   * are directories merged into a symlinked directory; files replace what they land on. Files that
   * share an inode stay hard links of each other.
   */
  private static List<String> add(
      Map<String, TarEntry> entries, CopySelection selection, Written w, boolean keepOwners)
      throws IOException {
    List<String> named = new ArrayList<>();
    Map<String, List<String>> byInode = new LinkedHashMap<>();
    for (dev.berth.context.CopyOp c : selection.ops()) {
      boolean top = c.destination().equals(selection.destination());
      String name = w.dests().resolve(c.destination(), top);
      if (name.isEmpty()) {
        continue;
      }
      Path there = w.dests().file(name);
      if (c.kind() == FileKind.DIRECTORY
          && !entries.containsKey(name)
          && Files.exists(there, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(there, LinkOption.NOFOLLOW_LINKS)) {
        // BuildKit merges a directory only into a directory: one that lands on a file or a
        // symlink inside the copied tree fails the copy (the legacy builder replaced it).
        throw BerthException.invalid("cannot copy to non-directory: /" + name);
      }
      w.parents(entries, name);
      Map<String, Object> a =
          Files.readAttributes(
              c.source(), "unix:uid,gid,ino,dev,nlink,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      long mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond();
      Users.Owner owner =
          w.chown()
              .orElse(
                  keepOwners
                      ? new Users.Owner(
                          ((Integer) a.get("uid")) & 0xffffffffL,
                          ((Integer) a.get("gid")) & 0xffffffffL)
                      : Users.Owner.ROOT);
      switch (c.kind()) {
        case FILE -> {
          entries.put(
              name,
              TarEntry.file(
                  name,
                  mode(w.chmod(), c.mode()),
                  owner.uid(),
                  owner.gid(),
                  mtime,
                  c.size(),
                  c.source()));
          if (c.topLevel()) {
            named.add(name);
          }
          if ((Integer) a.get("nlink") > 1) {
            byInode
                .computeIfAbsent(a.get("dev") + ":" + a.get("ino"), k -> new ArrayList<>())
                .add(name);
          }
        }
        case DIRECTORY -> {
          Path existing = w.dests().file(name);
          boolean exists = Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS);
          if (c.topLevel() && exists) {
            // The destination an instruction names keeps its own metadata.
            entries.put(name, TreeEntries.existingDir(name, existing));
          } else if (c.topLevel()) {
            Users.Owner o = w.parentOwner();
            entries.put(
                name, TarEntry.directory(name, mode(w.chmod(), 0755), o.uid(), o.gid(), mtime));
          } else {
            entries.put(
                name,
                TarEntry.directory(
                    name, mode(w.chmod(), c.mode()), owner.uid(), owner.gid(), mtime));
          }
        }
        case SYMLINK ->
            entries.put(
                name, TarEntry.symlink(name, c.linkTarget(), owner.uid(), owner.gid(), mtime));
      }
    }
    linkSharedInodes(entries, byInode.values());
    return named;
  }

  /** The first name (in layer order) of each inode keeps the bytes, the others link to it. */
  private static void linkSharedInodes(
      Map<String, TarEntry> entries, Collection<List<String>> groups) {
    for (List<String> names : groups) {
      List<String> sorted = new ArrayList<>(new LinkedHashSet<>(names));
      if (sorted.size() < 2) {
        continue;
      }
      sorted.sort(CopyStep::compareNames);
      String first = sorted.get(0);
      for (String other : sorted.subList(1, sorted.size())) {
        entries.put(other, entries.get(other).asHardLinkTo(first));
      }
    }
  }

  private static int compareNames(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
