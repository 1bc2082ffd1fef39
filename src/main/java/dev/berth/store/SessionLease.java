package dev.berth.store;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.mount.ProcessOwner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lease of one store session: everything this process wrote, or found and relies on, before a
 * ref names it. It is written (under the store lock) before the thing it holds is made or checked,
 * so a collector either sees the hold or runs before the thing exists; it is written only when
 * something new is held, and deleted when the session closes. A killed owner's lease expires.
 */
final class SessionLease {

  static final String PREFIX = "session-";

  private final Leases leases;
  private final StoreLock lock;
  private final String id;
  private final Optional<ProcessOwner> owner;
  private final List<Descriptor> roots = new ArrayList<>();
  private final Set<Digest> rootDigests = ConcurrentHashMap.newKeySet();
  private final Set<Digest> blobs = ConcurrentHashMap.newKeySet();
  private final Set<Digest> snapshots = ConcurrentHashMap.newKeySet();
  private boolean written;

  SessionLease(Leases leases, StoreLock lock, Path sessionDir, Optional<ProcessOwner> owner) {
    this.leases = leases;
    this.lock = lock;
    this.id = PREFIX + sessionDir.getFileName();
    this.owner = owner;
  }

  String id() {
    return id;
  }

  /** The session directory (under {@code tmp/}) a session lease with this id belongs to. */
  static Optional<String> sessionDirName(String leaseId) {
    return leaseId.startsWith(PREFIX)
        ? Optional.of(leaseId.substring(PREFIX.length()))
        : Optional.empty();
  }

  void holdRoot(Descriptor root) throws IOException {
    if (rootDigests.contains(root.digest())) {
      return;
    }
    // The store lock before this object's monitor, always: a thread holding the store lock (a
    // snapshot commit) may hold something too.
    try (var held = lock.acquire()) {
      synchronized (this) {
        if (rootDigests.add(root.digest())) {
          roots.add(root);
          try {
            write();
          } catch (IOException | RuntimeException e) {
            roots.remove(root);
            rootDigests.remove(root.digest());
            throw e;
          }
        }
      }
    }
  }

  void holdBlob(Digest blob) throws IOException {
    hold(blobs, blob);
  }

  void holdSnapshot(Digest chainId) throws IOException {
    hold(snapshots, chainId);
  }

  private void hold(Set<Digest> set, Digest d) throws IOException {
    if (set.contains(d)) {
      return;
    }
    try (var held = lock.acquire()) {
      synchronized (this) {
        if (set.add(d)) {
          try {
            write();
          } catch (IOException | RuntimeException e) {
            set.remove(d);
            throw e;
          }
        }
      }
    }
  }

  void release() throws IOException {
    try (var held = lock.acquire()) {
      synchronized (this) {
        if (written) {
          leases.delete(id);
          written = false;
        }
      }
    }
  }

  private void write() throws IOException {
    leases.put(new Leases.Lease(id, roots, blobs, snapshots, owner));
    written = true;
  }
}
