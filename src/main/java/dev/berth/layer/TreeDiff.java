package dev.berth.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The changes from one full tree to another as layer entries, for snapshots that are full copies
 * (where overlay cannot be mounted): what is new or changed, with its parent directories, and a
 * whiteout for what is gone. A file counts as unchanged when its type, mode, owner, size, link
 * target, xattrs and modification time to the nanosecond are the same, as containerd's differ
 * decides.
 */
public final class TreeDiff {

  private TreeDiff() {}

  /**
   * @param lower the tree before, or empty for none (then every entry of {@code upper} is new)
   * @param upper the tree after
   */
  public static List<TarEntry> between(Optional<Path> lower, Path upper) throws IOException {
    Map<String, TarEntry> after = byName(TreeScanner.scan(upper));
    if (lower.isEmpty()) {
      return new ArrayList<>(after.values());
    }
    Map<String, TarEntry> before = byName(TreeScanner.scan(lower.get()));
    Set<String> changed = new HashSet<>();
    for (TarEntry e : after.values()) {
      TarEntry b = before.get(e.name());
      if (b == null || !same(b, e, lower.get(), upper)) {
        changed.add(e.name());
      }
    }
    // A hard link needs the file it links to in the same layer.
    for (String name : List.copyOf(changed)) {
      TarEntry e = after.get(name);
      if (e.type() == EntryType.HARDLINK) {
        changed.add(e.linkName());
      }
    }
    Set<String> withParents = new HashSet<>();
    for (String name : changed) {
      withParents.add(name);
      for (String p = parent(name); p != null; p = parent(p)) {
        withParents.add(p);
      }
    }
    List<TarEntry> out = new ArrayList<>();
    for (TarEntry e : after.values()) {
      if (withParents.contains(e.name())) {
        out.add(e);
      }
    }
    for (String name : before.keySet()) {
      String p = parent(name);
      // Only the top of a removed tree needs a whiteout; a directory that became something else
      // is replaced by its new entry, children and all.
      boolean parentGone =
          p != null && (!after.containsKey(p) || after.get(p).type() != EntryType.DIRECTORY);
      if (!after.containsKey(name) && !parentGone) {
        out.add(TarEntry.whiteout(name));
      }
    }
    return out;
  }

  private static Map<String, TarEntry> byName(List<TarEntry> entries) {
    Map<String, TarEntry> m = new LinkedHashMap<>();
    for (TarEntry e : entries) {
      m.put(e.name(), e);
    }
    return m;
  }

  private static String parent(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? null : name.substring(0, slash);
  }

  private static boolean same(TarEntry a, TarEntry b, Path lowerRoot, Path upperRoot)
      throws IOException {
    if (a.type() != b.type()
        || a.mode() != b.mode()
        || a.uid() != b.uid()
        || a.gid() != b.gid()
        || a.size() != b.size()
        || a.mtime() != b.mtime()
        || !a.linkName().equals(b.linkName())
        || a.devMajor() != b.devMajor()
        || a.devMinor() != b.devMinor()
        || !sameXattrs(a.xattrs(), b.xattrs())) {
      return false;
    }
    if (a.type() == EntryType.DIRECTORY) {
      return true;
    }
    FileTime x = Files.getLastModifiedTime(lowerRoot.resolve(a.name()), LinkOption.NOFOLLOW_LINKS);
    FileTime y = Files.getLastModifiedTime(upperRoot.resolve(b.name()), LinkOption.NOFOLLOW_LINKS);
    return x.equals(y);
  }

  private static boolean sameXattrs(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
