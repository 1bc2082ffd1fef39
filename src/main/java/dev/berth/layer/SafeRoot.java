package dev.berth.layer;

import dev.berth.diag.BerthException;
import dev.berth.mount.OverlayAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resolves entry names inside a root directory without ever leaving it, as a chroot would.
 *
 * <p>Names are cleaned as tar does (a leading {@code /} is dropped, {@code .} components vanish)
 * and a {@code ..} in a name that would climb above the root is refused. Parent directories are
 * walked one component at a time; a symlink met on the way is followed with its target taken inside
 * the root: an absolute target starts again at the root and a {@code ..} at the root stays there,
 * so {@code var/run -> /run} leads to {@code <root>/run} and nothing outside the root is ever
 * reached. After {@value #MAX_LINKS} links the entry is refused. The last component of a name is
 * never followed.
 *
 * <p>In overlay mode the root is an overlayfs upper directory over read-only lower directories
 * (nearest first), and names are looked up in the view overlay would mount: the topmost layer that
 * has a name decides what it is, a 0/0 character device is a whiteout, a directory marked {@code
 * trusted.overlay.opaque=y} hides the layers below it, and directories of several layers merge.
 * Lower directories are only ever read; what must change is first copied up into the root.
 */
final class SafeRoot {

  static final int MAX_LINKS = 40;
  static final String OPAQUE_XATTR = OverlayAttributes.opaque();

  private final Path root;
  private final List<Path> lowers;
  private final boolean overlay;

  private SafeRoot(Path root, List<Path> lowers, boolean overlay) {
    this.root = root;
    this.lowers = List.copyOf(lowers);
    this.overlay = overlay;
  }

  /** A plain root that holds the whole tree. */
  static SafeRoot plain(Path root) {
    return new SafeRoot(root, List.of(), false);
  }

  /** An overlay upper directory above {@code lowers}, nearest first. */
  static SafeRoot overlay(Path upper, List<Path> lowers) {
    return new SafeRoot(upper, lowers, true);
  }

  Path root() {
    return root;
  }

  boolean isOverlay() {
    return overlay;
  }

  /** One layer's copy of a name: layer 0 is the root (upper), then the lowers in order. */
  record Node(int layer, Path path) {
    boolean inRoot() {
      return layer == 0;
    }
  }

  /**
   * What a name is in the merged view: a single non-directory (the topmost), or the directories
   * that merge there, topmost first. {@code attrs} are those of the topmost.
   */
  record Found(List<Node> nodes, BasicFileAttributes attrs) {
    Node top() {
      return nodes.get(0);
    }

    boolean isDirectory() {
      return attrs.isDirectory();
    }

    /** The copies below the root. */
    List<Node> lower() {
      return nodes.stream().filter(n -> !n.inRoot()).toList();
    }
  }

  /** The cleaned components of an entry name; empty for the root itself. */
  static List<String> clean(String entry, String name) throws BerthException {
    List<String> out = new ArrayList<>();
    for (String c : name.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (out.isEmpty()) {
          throw LayerErrors.unsafe(entry, "'" + name + "' climbs out of the root with '..'");
        }
        out.remove(out.size() - 1);
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** The merged directory that holds the last component, or empty when a directory is missing. */
  Optional<Found> findParent(String entry, List<String> components) throws IOException {
    return Optional.ofNullable(walk(entry, components, false, p -> {}));
  }

  /**
   * The merged directory that holds the last component, present in the root: missing directories
   * are created (and reported to {@code created}) and directories only the lowers hold are copied
   * up.
   */
  Found makeParent(String entry, List<String> components, Consumer<Path> created)
      throws IOException {
    return walk(entry, components, true, created);
  }

  /** The parent's path in the root; for a plain root, which holds everything. */
  Path makeParentPath(String entry, List<String> components, Consumer<Path> created)
      throws IOException {
    return makeParent(entry, components, created).top().path();
  }

  private Found walk(String entry, List<String> components, boolean create, Consumer<Path> created)
      throws IOException {
    Deque<String> todo = new ArrayDeque<>(components.subList(0, components.size() - 1));
    // The directories walked into, innermost last, so '..' goes back to the merged parent.
    Deque<Found> stack = new ArrayDeque<>();
    stack.addLast(rootDir());
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (stack.size() > 1) { // '..' at the root stays at the root
          stack.pollLast();
        }
        continue;
      }
      Found dir = stack.peekLast();
      Found next = lookup(dir, c);
      if (next != null && next.attrs().isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw LayerErrors.unsafe(entry, "more than " + MAX_LINKS + " symlinks on its path");
        }
        String target = Files.readSymbolicLink(next.top().path()).toString();
        if (target.startsWith("/")) {
          while (stack.size() > 1) {
            stack.pollLast();
          }
        }
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
          todo.addFirst(parts[i]);
        }
        continue;
      }
      if (next != null && !next.isDirectory()) {
        throw LayerErrors.bad(
            entry, "'" + describe(next.top()) + "' on its path is not a directory");
      }
      if (create && next == null && dropsOut(todo)) {
        continue; // 'missing/..' in a link target: no need to create what is left at once
      }
      if (create) {
        next = next == null ? mkdir(dir, c, created) : copyUp(dir, next);
      } else if (next == null) {
        return null;
      }
      stack.addLast(next);
    }
    return stack.peekLast();
  }

  /** Whether the next component that counts is {@code ..}; if so it is taken off. */
  private static boolean dropsOut(Deque<String> todo) {
    while (!todo.isEmpty() && (todo.peekFirst().isEmpty() || todo.peekFirst().equals("."))) {
      todo.pollFirst();
    }
    if ("..".equals(todo.peekFirst())) {
      todo.pollFirst();
      return true;
    }
    return false;
  }

  /** The root in the merged view. */
  Found rootDir() throws IOException {
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node(0, root));
    for (int i = 0; i < lowers.size() && !isOpaque(nodes.get(nodes.size() - 1).path()); i++) {
      nodes.add(new Node(i + 1, lowers.get(i)));
    }
    return new Found(nodes, lstat(root));
  }

  /** What {@code name} is inside the merged directory {@code dir}, or null when it is absent. */
  Found lookup(Found dir, String name) throws IOException {
    List<Node> dirs = new ArrayList<>();
    BasicFileAttributes topAttrs = null;
    for (Node d : dir.nodes()) {
      Path p = d.path().resolve(name);
      BasicFileAttributes a = lstat(p);
      if (a == null) {
        continue;
      }
      if (overlay && isWhiteout(p, a)) {
        break;
      }
      if (!a.isDirectory()) {
        if (dirs.isEmpty()) {
          return new Found(List.of(new Node(d.layer(), p)), a);
        }
        break; // a non-directory below a directory ends the merge, as in overlay
      }
      if (dirs.isEmpty()) {
        topAttrs = a;
      }
      dirs.add(new Node(d.layer(), p));
      if (overlay && isOpaque(p)) {
        break;
      }
    }
    return dirs.isEmpty() ? null : new Found(dirs, topAttrs);
  }

  /** Creates a new directory in the root; one that replaces a whiteout hides what is below. */
  private Found mkdir(Found parent, String name, Consumer<Path> created) throws IOException {
    Path p = parent.top().path().resolve(name);
    BasicFileAttributes a = lstat(p);
    boolean whiteout = overlay && a != null;
    if (whiteout) {
      // Only a whiteout can sit in the root where the merged view has nothing.
      Files.delete(p);
    }
    Files.createDirectory(p);
    if (whiteout) {
      Native.setXattr(p, OPAQUE_XATTR, new byte[] {'y'});
    }
    created.accept(p);
    return new Found(List.of(new Node(0, p)), lstat(p));
  }

  /**
   * The directory {@code dir} present in the root: when only lowers hold it, an empty copy with the
   * topmost lower's owner, mode, attributes and times is made, as overlay's copy-up does.
   */
  Found copyUp(Found parent, Found dir) throws IOException {
    if (dir.top().inRoot()) {
      return dir;
    }
    Path target = parent.top().path().resolve(dir.top().path().getFileName().toString());
    copyNode(dir.top().path(), target, parent.top().path());
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node(0, target));
    nodes.addAll(dir.nodes());
    return new Found(nodes, lstat(target));
  }

  /**
   * Copies one file, link, device or empty directory from a lower to {@code target} in the root,
   * with owner, mode, attributes (overlay's own left out) and times. The new name does not change
   * what the merged view shows in {@code parent}, so its times are put back too.
   */
  static void copyNode(Path source, Path target, Path parent) throws IOException {
    FileTime parentTime = Files.getLastModifiedTime(parent, LinkOption.NOFOLLOW_LINKS);
    Map<String, Object> a =
        Files.readAttributes(
            source, "unix:mode,uid,gid,rdev,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int fmt = mode & 0170000;
    switch (fmt) {
      case 0040000 -> Files.createDirectory(target);
      case 0100000 -> Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
      case 0120000 -> Files.createSymbolicLink(target, Files.readSymbolicLink(source));
      default -> {
        long rdev = (Long) a.get("rdev");
        boolean device = fmt != 0010000 && rdev != 0;
        if (device && OverlayAttributes.inUserNamespace()) {
          return; // no user namespace may make devices (whiteouts, 0/0, it may)
        }
        Native.mknod(target, fmt | 0600, Native.major(rdev), Native.minor(rdev));
      }
    }
    if (LayerApplier.isRoot()) {
      Files.setAttribute(target, "unix:uid", a.get("uid"), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", a.get("gid"), LinkOption.NOFOLLOW_LINKS);
    }
    if (fmt != 0120000) {
      Native.chmod(target, mode);
    }
    for (String x : Native.listXattrs(source)) {
      if (!OverlayAttributes.isOverlays(x)) {
        Optional<byte[]> v = Native.getXattr(source, x);
        if (v.isPresent()) {
          Native.setXattr(target, x, v.get());
        }
      }
    }
    Native.setTimes(target, ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond());
    Native.setTimes(parent, parentTime.toInstant().getEpochSecond());
  }

  private String describe(Node n) {
    return n.inRoot()
        ? root.relativize(n.path()).toString()
        : lowers.get(n.layer() - 1).relativize(n.path()).toString();
  }

  /** An overlay whiteout: a character device with device number 0/0. */
  static boolean isWhiteout(Path p, BasicFileAttributes a) throws IOException {
    if (!a.isOther()) {
      return false;
    }
    Map<String, Object> u = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) u.get("mode") & 0170000) == 0020000 && (Long) u.get("rdev") == 0;
  }

  static boolean isOpaque(Path dir) throws IOException {
    Optional<byte[]> v = Native.getXattr(dir, OPAQUE_XATTR);
    return v.isPresent() && new String(v.get(), StandardCharsets.ISO_8859_1).equals("y");
  }

  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
