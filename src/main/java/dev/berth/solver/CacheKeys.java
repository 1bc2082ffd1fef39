package dev.berth.solver;

import dev.berth.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Cache keys: SHA-256 over the parent's key and the parts that decide a step's result. */
final class CacheKeys {

  private CacheKeys() {}

  static Digest of(String... parts) {
    MessageDigest md = Digest.newSha256();
    md.update("berth-cache-v1".getBytes(StandardCharsets.UTF_8));
    for (String p : parts) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
      md.update((byte) ':');
      md.update(b);
    }
    return Digest.fromSha256(md.digest());
  }
}
