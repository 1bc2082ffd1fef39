package dev.berth.archive;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.util.Map;
import java.util.TreeMap;

/** The blobs an export writes, each once, in digest order. */
final class BlobSet {

  private final Map<Digest, Long> sizes = new TreeMap<>();

  void add(Descriptor d) {
    sizes.putIfAbsent(d.digest(), d.size());
  }

  Map<Digest, Long> sizes() {
    return sizes;
  }

  static String path(Digest d) {
    return "blobs/" + d.algorithm() + "/" + d.hex();
  }
}
