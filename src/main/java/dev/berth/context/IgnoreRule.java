package dev.berth.context;

/**
 * One pattern line of an ignore file: the cleaned pattern, whether it is a {@code !} exception, and
 * the line it came from (0 for patterns that came from elsewhere, such as {@code COPY --exclude}).
 */
record IgnoreRule(String pattern, boolean exception, int line, Glob glob) {

  /** True when the glob matches the path or one of its parent directories. */
  boolean matchesOrParent(String path) {
    if (glob.matches(path)) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (glob.matches(path.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }
}
