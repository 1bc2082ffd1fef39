package dev.berth.check;

import java.util.ArrayDeque;
import java.util.Deque;

/** Absolute, slash-separated paths inside an image, as COPY and WORKDIR resolve them. */
final class UnixPath {

  private UnixPath() {}

  /**
   * {@code path} joined to {@code dir} unless it is absolute, cleaned of {@code .} and {@code ..}.
   */
  static String resolve(String dir, String path) {
    String joined = path.startsWith("/") ? path : (dir.isEmpty() ? "/" : dir) + "/" + path;
    Deque<String> parts = new ArrayDeque<>();
    for (String p : joined.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** Whether {@code path} is {@code dir} or inside it. */
  static boolean isUnder(String path, String dir) {
    return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
  }

  /** Whether one of the two paths contains the other. */
  static boolean overlaps(String a, String b) {
    return isUnder(a, b) || isUnder(b, a);
  }
}
