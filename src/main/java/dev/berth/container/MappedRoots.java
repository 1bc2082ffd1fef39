package dev.berth.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.image.Digest;
import dev.berth.layer.OwnerShift;
import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import dev.berth.runtime.ResolvedUser;
import dev.berth.runtime.UserSpec;
import dev.berth.runtime.Users;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.TreeCopy;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The roots of {@link KeepId} containers: a flat copy of an image's layers whose owners are shifted
 * into the container's user namespace, with the image user given the host user's IDs in {@code
 * /etc/passwd} and {@code /etc/group}. The kernel lets an unprivileged user namespace shift no host
 * file system's owners in a mount (idmapped mounts need the host's root), so berth copies, once per
 * image and mapping, as podman does without idmapped mounts; every container with the same image
 * and mapping shares the copy as its lower layer.
 */
final class MappedRoots {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A mapped root: its tree, and the image user's IDs before they were swapped. */
  record Mapped(Path fs, long imageUid, long imageGid) {}

  private MappedRoots() {}

  static Path room(Store store) {
    return store.layout().root().resolve("mapped");
  }

  /** The directory of the root for an image's layer chain under {@code keep}. */
  static Path dir(Store store, Digest chain, KeepId keep) {
    String key = chain + "\n" + keep.uid() + ":" + keep.gid() + ":" + keep.user();
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return room(store).resolve(HexFormat.of().formatHex(h, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mapped root for {@code chain}, made first when it does not exist. */
  static Mapped ensure(Store store, Snapshotter snapshotter, Digest chain, KeepId keep)
      throws IOException {
    Path dir = dir(store, chain, keep);
    if (Files.isRegularFile(dir.resolve("ids.json"))) {
      return read(dir);
    }
    Path work = store.newTempPath("mapped");
    Path view = work.resolve("view");
    Path fs = work.resolve("fs");
    Files.createDirectories(view);
    Files.createDirectories(fs);
    try {
      List<MountSpec> mounts = snapshotter.view(chain.toString());
      Mounter.mount(mounts.get(0), view);
      try {
        TreeCopy.copy(view, fs, "the image's root for --userns=keep-id");
      } finally {
        Mounter.unmount(view);
      }
      long imageUid = -1;
      long imageGid = -1;
      if (keep.renamesImageUser()) {
        ResolvedUser u = Users.resolve(fs, UserSpec.parse(keep.user()));
        imageUid = u.uid();
        imageGid = u.gid();
      }
      long iu = imageUid;
      long ig = imageGid;
      OwnerShift.apply(
          fs,
          id -> keep.storedUid(iu < 0 ? id : KeepId.swap(id, iu, keep.uid())),
          id -> keep.storedGid(ig < 0 ? id : KeepId.swap(id, ig, keep.gid())));
      if (imageUid >= 0) {
        swapIds(fs.resolve("etc/passwd"), imageUid, keep.uid(), 2, imageGid, keep.gid(), 3);
        swapIds(fs.resolve("etc/group"), imageGid, keep.gid(), 2, -1, -1, -1);
      }
      Files.writeString(
          work.resolve("ids.json"),
          JSON.createObjectNode().put("imageUid", imageUid).put("imageGid", imageGid).toString());
      Files.delete(view);
      AtomicFiles.fsyncTree(work);
      Files.createDirectories(dir.getParent());
      try {
        Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // Another container made the same root first; it is the same.
      }
    } finally {
      if (Files.exists(work)) {
        AtomicFiles.deleteTree(work);
      }
    }
    return read(dir);
  }

  private static Mapped read(Path dir) throws IOException {
    JsonNode ids = JSON.readTree(dir.resolve("ids.json").toFile());
    return new Mapped(
        dir.resolve("fs"), ids.path("imageUid").asLong(-1), ids.path("imageGid").asLong(-1));
  }

  /** Removes the mapped roots no container in {@code used} names. */
  static void sweep(Store store, List<Path> used) throws IOException {
    Path room = room(store);
    if (!Files.isDirectory(room)) {
      return;
    }
    try (var dirs = Files.list(room)) {
      for (Path d : dirs.toList()) {
        if (!used.contains(d)) {
          AtomicFiles.deleteTree(d);
        }
      }
    }
  }

  /**
   * Swaps IDs in a colon-separated file ({@code /etc/passwd}, {@code /etc/group}) in place: field
   * {@code f1} swaps {@code a1} and {@code b1}, field {@code f2} (when not -1) {@code a2} and
   * {@code b2}.
   */
  private static void swapIds(Path file, long a1, long b1, int f1, long a2, long b2, int f2)
      throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split(":", -1);
      swapField(f, f1, a1, b1);
      if (f2 >= 0) {
        swapField(f, f2, a2, b2);
      }
      out.add(String.join(":", f));
    }
    // Written in place: the file keeps its owner and mode.
    Files.write(file, out, StandardCharsets.UTF_8);
  }

  private static void swapField(String[] f, int i, long a, long b) {
    if (i < f.length && f[i].matches("\\d+")) {
      f[i] = Long.toString(KeepId.swap(Long.parseLong(f[i]), a, b));
    }
  }
}
