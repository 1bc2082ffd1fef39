package dev.berth.layer;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares an unpacked tree with the layer it was made from, for {@code berth system check}: every
 * directory, regular file (size and SHA-256 of its bytes), hard link and symlink (its target) the
 * layer adds must be in the tree as the layer has it. The layer's own digest (its diff ID) is
 * computed on the same pass.
 *
 * <p>What it does not check: owners, modes, times and extended attributes (a rootless store holds
 * shifted owners, and a tree's times are the applier's); device nodes, FIFOs and whiteouts (a
 * rootless store has no device nodes, and a whiteout is gone in a full copy); files the tree has
 * beyond the layer (a full-copy tree holds every lower layer's files as well); and entries reached
 * through a symlinked directory, which the applier resolved inside the root.
 */
public final class LayerTreeCheck {

  /** Differences shown in full; the rest are counted. */
  private static final int SHOWN = 5;

  /**
   * @param diffId the SHA-256 of the uncompressed layer as read
   * @param checked the entries compared
   * @param differences one line per difference found (at most a few, then a count)
   */
  public record Result(Digest diffId, long checked, List<String> differences) {
    public Result {
      differences = List.copyOf(differences);
    }
  }

  private enum Kind {
    DIR,
    FILE,
    SYMLINK
  }

  private record Expected(Kind kind, long size, Digest content, String link) {}

  private LayerTreeCheck() {}

  /**
   * @param layer the uncompressed layer tar
   * @param tree the snapshot's own directory
   */
  public static Result compare(InputStream layer, Path tree) throws IOException {
    MessageDigest md = Digest.newSha256();
    TarReader reader = new TarReader(new DigestInputStream(layer, md));
    Map<String, Expected> expected = new LinkedHashMap<>();
    for (Optional<TarReader.Header> h = reader.next(); h.isPresent(); h = reader.next()) {
      List<String> comps = SafeRoot.clean(h.get().name(), h.get().name());
      if (comps.isEmpty() || comps.get(comps.size() - 1).startsWith(TarEntry.WHITEOUT_PREFIX)) {
        continue;
      }
      String name = String.join("/", comps);
      switch (h.get().type()) {
        case '5' -> expected.put(name, new Expected(Kind.DIR, 0, null, ""));
        case '2' -> expected.put(name, new Expected(Kind.SYMLINK, 0, null, h.get().linkName()));
        case '0', '\0', '7' -> {
          MessageDigest file = Digest.newSha256();
          reader.copyContent(
              new OutputStream() {
                @Override
                public void write(int b) {
                  file.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                  file.update(b, off, len);
                }
              });
          expected.put(
              name, new Expected(Kind.FILE, h.get().size(), Digest.fromSha256(file.digest()), ""));
        }
        case '1' -> {
          String target = String.join("/", SafeRoot.clean(name, h.get().linkName()));
          Expected t = expected.get(target);
          if (t != null && t.kind() == Kind.FILE) {
            expected.put(name, t);
          }
        }
        default -> {
          // devices and FIFOs: see the class comment
        }
      }
    }
    reader.drain();
    List<String> differences = new ArrayList<>();
    long checked = 0;
    int found = 0;
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      Optional<String> d = difference(tree, e.getKey(), e.getValue());
      if (d == null) {
        continue; // behind a symlinked directory
      }
      checked++;
      if (d.isPresent()) {
        found++;
        if (found <= SHOWN) {
          differences.add("/" + e.getKey() + ": " + d.get());
        }
      }
    }
    if (found > SHOWN) {
      differences.add("and " + (found - SHOWN) + " more differences");
    }
    return new Result(Digest.fromSha256(md.digest()), checked, differences);
  }

  /** The difference for one entry, empty when it matches, null when it cannot be checked. */
  private static Optional<String> difference(Path tree, String name, Expected want)
      throws IOException {
    Path p = tree;
    String[] comps = name.split("/");
    for (int i = 0; i < comps.length - 1; i++) {
      p = p.resolve(comps[i]);
      BasicFileAttributes a = lstat(p);
      if (a == null) {
        return Optional.of("missing (its directory " + comps[i] + " is not there)");
      }
      if (a.isSymbolicLink()) {
        return null;
      }
    }
    p = p.resolve(comps[comps.length - 1]);
    BasicFileAttributes a = lstat(p);
    if (a == null) {
      return Optional.of("missing");
    }
    switch (want.kind()) {
      case DIR -> {
        return a.isDirectory() ? Optional.empty() : Optional.of("not a directory");
      }
      case SYMLINK -> {
        if (!a.isSymbolicLink()) {
          return Optional.of("not a symlink");
        }
        String target = Files.readSymbolicLink(p).toString();
        return target.equals(want.link())
            ? Optional.empty()
            : Optional.of("links to " + target + ", the layer says " + want.link());
      }
      default -> {
        if (!a.isRegularFile()) {
          return Optional.of("not a regular file");
        }
        if (a.size() != want.size()) {
          return Optional.of(a.size() + " bytes, the layer has " + want.size());
        }
        MessageDigest md = Digest.newSha256();
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          byte[] buf = new byte[64 * 1024];
          int n;
          while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
          }
        }
        Digest got = Digest.fromSha256(md.digest());
        return got.equals(want.content())
            ? Optional.empty()
            : Optional.of("content differs from the layer's");
      }
    }
  }

  private static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
