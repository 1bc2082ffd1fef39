package dev.berth.plan;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic inside an image, which is always a Unix file system whatever the host. */
final class UnixPaths {

  private UnixPaths() {}

  /**
   * {@code path} resolved against {@code dir} when relative, then cleaned (no {@code .} or {@code
   * ..}).
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
}
