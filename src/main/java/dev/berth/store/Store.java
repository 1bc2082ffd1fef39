package dev.berth.store;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.mount.ProcessOwner;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An open berth store: blobs, refs and cache records under one root, a private temp directory for
 * this process, and garbage collection. Opening it clears what crashed processes left behind.
 */
public final class Store implements Closeable {

  private final StoreLayout layout;
  private final StoreLock lock;
  private final Session session;
  private final ContentStore content;
  private final RefStore refs;
  private final CacheRecords cache;
  private final Leases leases;
  private final SessionLease sessionLease;

  private Store(StoreLayout layout, StoreLock lock, Session session) throws IOException {
    this.layout = layout;
    this.lock = lock;
    this.session = session;
    this.leases = new Leases(layout, lock, session.dir());
    this.sessionLease =
        new SessionLease(leases, lock, session.dir(), Optional.of(ProcessOwner.self()));
    this.content = new ContentStore(layout, session, sessionLease);
    this.refs = new RefStore(layout, lock, session.dir());
    this.cache = new CacheRecords(layout, session.dir());
  }

  /** Opens (creating if needed) the store at {@code root} and removes crash leftovers. */
  public static Store open(Path root) throws IOException {
    StoreLayout layout = new StoreLayout(root);
    // The root, and the snapshots and temp trees below it, are the owner's alone.
    PrivateDirs.ensure(layout.root());
    PrivateDirs.ensure(layout.snapshots());
    PrivateDirs.ensure(layout.tmp());
    for (Path dir :
        List.of(
            layout.blobs().resolve("sha256"),
            layout.snapshots(),
            layout.refs(),
            layout.cache(),
            layout.tmp())) {
      Files.createDirectories(dir);
    }
    StoreLock lock = new StoreLock(layout.lock());
    try (var held = lock.acquire()) {
      Session.clean(layout.tmp());
      removeHalfMadeSnapshots(layout);
      return new Store(layout, lock, Session.create(layout.tmp()));
    }
  }

  public StoreLayout layout() {
    return layout;
  }

  public ContentStore content() {
    return content;
  }

  public RefStore refs() {
    return refs;
  }

  public CacheRecords cache() {
    return cache;
  }

  public Leases leases() {
    return leases;
  }

  /**
   * Holds an image (a manifest or index, and what it reaches) for this session, as a ref would,
   * until the store closes: call it before relying on the image, then check the image is still
   * there. Blobs this session writes or finds with {@code exists} are held without asking.
   */
  public void hold(Descriptor image) throws IOException {
    sessionLease.holdRoot(image);
  }

  /** Holds the snapshot named {@code chainId} for this session (see {@link #hold}). */
  public void holdSnapshot(Digest chainId) throws IOException {
    sessionLease.holdSnapshot(chainId);
  }

  /** The lock that serialises index updates and garbage collection. */
  public StoreLock lock() {
    return lock;
  }

  /**
   * A fresh path in this process's temp directory (on the store's file system, so it can be renamed
   * into place), not yet created; removed when the store closes or, after a crash, when the store
   * is next opened.
   */
  public Path newTempPath(String prefix) {
    return session.newPath(prefix);
  }

  /**
   * What the refs and the live leases of other sessions reach now. A lease whose owner process is
   * gone has expired and is deleted here (under the store lock). This session's own lease is left
   * out: the session that collects is the one asking for removal.
   */
  public Reachable reachable() throws IOException {
    return reachable(List.of());
  }

  /** What the refs, the live leases of other sessions and {@code extraRoots} reach now. */
  public Reachable reachable(List<Descriptor> extraRoots) throws IOException {
    try (var held = lock.acquire()) {
      List<Descriptor> roots = new ArrayList<>(refs.list().stream().map(Ref::descriptor).toList());
      roots.addAll(extraRoots);
      Set<Digest> blobs = new HashSet<>();
      Set<Digest> snapshots = new HashSet<>();
      for (Leases.Lease l : leases.list()) {
        if (l.id().equals(sessionLease.id())) {
          continue;
        }
        if (expired(l)) {
          leases.delete(l.id());
          continue;
        }
        roots.addAll(l.roots());
        blobs.addAll(l.blobs());
        snapshots.addAll(l.snapshots());
      }
      Reachable walked = new ReachabilityWalker(content).walk(roots);
      blobs.addAll(walked.blobs());
      // A kept layer keeps the compressed forms made of it, so pushing it again costs nothing.
      blobs.addAll(new LayerForms(this).formsOf(blobs));
      snapshots.addAll(walked.chainIds());
      return new Reachable(blobs, snapshots);
    }
  }

  /**
   * Whether a lease's owner is gone: its PID no longer runs the process that took it. An owner in
   * another PID namespace (a rootless command in its own) cannot be looked up; a session lease then
   * lives as long as its session directory's owner lock is held.
   */
  private boolean expired(Leases.Lease lease) throws IOException {
    if (lease.owner().isEmpty()) {
      return false;
    }
    Optional<Boolean> alive = lease.owner().get().alive();
    if (alive.isPresent()) {
      return !alive.get();
    }
    Optional<String> dir = SessionLease.sessionDirName(lease.id());
    return dir.isPresent() && !Session.isLive(layout.tmp().resolve(dir.get()));
  }

  /**
   * Removes every blob, cache record and (through {@code snapshotters}) snapshot that no ref
   * reaches, holding the store lock throughout; the build-cache rooms are left alone.
   */
  public GcResult gc(Sweepable... snapshotters) throws IOException {
    return gc(Optional.empty(), false, snapshotters);
  }

  /**
   * As {@link #gc(Sweepable...)}, and with {@code buildCache} also the solver's build-cache rooms
   * (context digest caches, cache mounts, explain records) last written before {@code until}, or
   * all of them.
   */
  public GcResult gc(Optional<Instant> until, boolean buildCache, Sweepable... snapshotters)
      throws IOException {
    return gc(GcRequest.unreachable(until, buildCache), snapshotters);
  }

  /** One collection as {@code request} says, holding the store lock throughout. */
  public GcResult gc(GcRequest request, Sweepable... snapshotters) throws IOException {
    try (var held = lock.acquire()) {
      Swept rooms =
          request.buildCache()
              ? new BuildCacheRooms(layout, session).sweep(request.until())
              : Swept.NONE;
      Reachable reachable = reachable(request.extraRoots());
      Swept snapshots = Swept.NONE;
      for (Sweepable s : snapshotters) {
        Swept one = s.sweep(reachable);
        snapshots = snapshots.plus(one.count(), one.bytes());
      }
      Set<Digest> keep = new HashSet<>(reachable.blobs());
      if (request.keepCacheBlobs()) {
        keep.addAll(cache.blobs());
        keep.addAll(new LayerForms(this).formsOf(cache.blobs()));
      }
      Swept cacheRecords = cache.sweep(keep, request.keepCacheBlobs());
      Swept blobs = content.sweep(keep);
      new LayerForms(this).forgetAllBut(keep);
      return new GcResult(blobs, snapshots, cacheRecords, rooms);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      sessionLease.release();
    } finally {
      session.close();
    }
  }

  /**
   * Snapshots are renamed into place complete with their metadata, so a directory without it can
   * only come from an interrupted copy or removal.
   */
  private static void removeHalfMadeSnapshots(StoreLayout layout) throws IOException {
    try (DirectoryStream<Path> drivers = Files.newDirectoryStream(layout.snapshots())) {
      for (Path driver : drivers) {
        if (!Files.isDirectory(driver)) {
          Files.delete(driver);
          continue;
        }
        try (DirectoryStream<Path> snapshots = Files.newDirectoryStream(driver)) {
          for (Path s : snapshots) {
            if (!Files.isRegularFile(s.resolve(StoreLayout.SNAPSHOT_METADATA))) {
              AtomicFiles.deleteTree(s);
            }
          }
        }
      }
    }
  }
}
