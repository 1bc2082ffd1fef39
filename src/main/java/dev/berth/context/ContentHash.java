package dev.berth.context;

import dev.berth.image.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The content digest of a {@link CopySelection}, for a cache key, with the digest of every entry so
 * that a cache miss can say which files changed.
 */
public record ContentHash(Digest digest, List<FileDigest> files) {

  public ContentHash {
    Objects.requireNonNull(digest, "digest");
    files = List.copyOf(files);
  }

  /** Destinations that were added, removed or changed since {@code before}, sorted. */
  public List<String> changedSince(ContentHash before) {
    Map<String, Digest> old = byDestination(before);
    Map<String, Digest> now = byDestination(this);
    TreeSet<String> changed = new TreeSet<>();
    now.forEach(
        (dest, d) -> {
          if (!d.equals(old.get(dest))) {
            changed.add(dest);
          }
        });
    old.keySet().stream().filter(dest -> !now.containsKey(dest)).forEach(changed::add);
    return List.copyOf(changed);
  }

  private static Map<String, Digest> byDestination(ContentHash h) {
    // A later op for the same destination replaces an earlier one, as in the image.
    Map<String, Digest> m = new LinkedHashMap<>();
    for (FileDigest f : h.files) {
      m.put(f.destination(), f.entry());
    }
    return m;
  }
}
