package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A child process for the crash and multi-process tests: {@code IngestLoop ROOT loop} ingests
 * blobs, refs and cache records until killed; {@code IngestLoop ROOT same N} writes the same N
 * blobs every run and exits.
 */
public final class IngestLoop {

  private IngestLoop() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    try (Store store = Store.open(root)) {
      if (args[1].equals("same")) {
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
          byte[] data = blob(i, 256 * 1024);
          store.content().put(data);
          store
              .refs()
              .put(
                  "same:" + i,
                  new Descriptor(MediaType.OCI_MANIFEST, Digest.sha256(data), data.length));
        }
        return;
      }
      Random random = new Random();
      for (int i = 0; ; i++) {
        byte[] data = blob(random.nextInt(), 64 * 1024 + random.nextInt(2 << 20));
        try (BlobWriter w = store.content().writer()) {
          for (int off = 0; off < data.length; off += 8192) {
            w.stream().write(data, off, Math.min(8192, data.length - off));
          }
          Digest d = w.commit(data.length, Digest.sha256(data));
          store
              .refs()
              .put("loop:" + (i % 20), new Descriptor(MediaType.OCI_MANIFEST, d, data.length));
          store.cache().put(Digest.sha256(("k" + i % 20).getBytes(UTF_8)), data, List.of(d));
        }
        System.out.println("committed " + i);
        System.out.flush();
      }
    }
  }

  static byte[] blob(int seed, int size) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }
}
