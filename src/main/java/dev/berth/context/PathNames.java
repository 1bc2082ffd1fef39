package dev.berth.context;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated path helpers with Go's {@code path.Clean} rules, which docker applies. */
final class PathNames {

  private PathNames() {}

  /**
   * Cleans a path lexically: repeated slashes, {@code .} and {@code name/..} go away; {@code ..} at
   * the root of a rooted path stays at the root; an empty result is {@code .}.
   */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /**
   * A path inside a root, relative and clean: {@code ..} can never climb above the root, and an
   * absolute path is taken relative to the root. The root itself is the empty string.
   */
  static String inRoot(String path) {
    String c = clean("/" + path);
    return c.equals("/") ? "" : c.substring(1);
  }

  /** Joins a relative child onto a parent, where the empty parent is the root. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** The last component of a clean path. */
  static String base(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
