package dev.berth.solver;

import dev.berth.layer.TarEntry;
import dev.berth.runtime.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Directory entries for a step's layer, as docker makes them for COPY, ADD and WORKDIR. */
final class TreeEntries {

  private TreeEntries() {}

  /**
   * Parent directories of a destination: existing ones as they are, new ones 0755 for the owner.
   */
  static void parents(
      Map<String, TarEntry> entries, String destination, Path destRoot, Users.Owner owner, long now)
      throws IOException {
    parents(entries, destination, destRoot, owner, 0755, now);
  }

  /** The same with the mode of new directories given ({@code COPY --chmod} makes them so). */
  static void parents(
      Map<String, TarEntry> entries,
      String destination,
      Path destRoot,
      Users.Owner owner,
      int mode,
      long now)
      throws IOException {
    Path p = Path.of(destination).getParent();
    List<String> chain = new ArrayList<>();
    while (p != null && p.getNameCount() > 0) {
      chain.add(0, p.toString().substring(1));
      p = p.getParent();
    }
    for (String dir : chain) {
      if (entries.containsKey(dir)) {
        continue;
      }
      Path existing = destRoot.resolve(dir);
      if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
        entries.put(dir, existingDir(dir, existing));
      } else {
        entries.put(dir, TarEntry.directory(dir, mode, owner.uid(), owner.gid(), now));
      }
    }
  }

  /** An existing directory keeps its metadata, as docker merges into it. */
  static TarEntry existingDir(String name, Path dir) throws IOException {
    PosixFileAttributes a =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    long uid =
        ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    long gid =
        ((Number) Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
    int mode =
        ((Number) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue()
            & 07777;
    return TarEntry.directory(
        name, mode, uid, gid, a.lastModifiedTime().toInstant().getEpochSecond());
  }
}
