package dev.berth.layer;

import dev.berth.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Describes a tree as text per path, so two trees can be compared in one assertion. */
final class Trees {
  private Trees() {}

  /** Path → "type mode uid:gid mtime size/target sha xattrs link-group". */
  static Map<String, String> describe(Path root, boolean withOwners) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Map<Object, String> firstOfInode = new HashMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString();
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        StringBuilder d = new StringBuilder(Integer.toOctalString(mode));
        if (withOwners) {
          d.append(' ').append(a.get("uid")).append(':').append(a.get("gid"));
        }
        d.append(' ').append(((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond());
        if (Files.isSymbolicLink(p)) {
          d.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          d.append(" sha=").append(Digest.sha256(Files.readAllBytes(p)).shortHex());
          if ((Integer) a.get("nlink") > 1) {
            String first = firstOfInode.putIfAbsent(a.get("fileKey"), rel);
            d.append(" link=").append(first == null ? rel : first);
          }
        } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          d.append(" rdev=").append(a.get("rdev"));
        }
        for (String x : Native.listXattrs(p)) {
          d.append(' ')
              .append(x)
              .append('=')
              .append(HexFormat.of().formatHex(Native.getXattr(p, x).orElseThrow()));
        }
        out.put(rel, d.toString());
      }
    }
    return out;
  }

  /** Runs a command, failing with its output when it exits non-zero. */
  static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
