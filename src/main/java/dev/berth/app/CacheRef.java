package dev.berth.app;

import dev.berth.image.ImageReference;
import java.nio.file.Path;
import java.util.Objects;

/** A shared build cache a build reads or writes: a registry tag or an OCI layout directory. */
public sealed interface CacheRef {

  /** {@code type=registry,ref=REF} (or just {@code REF}). */
  record Registry(ImageReference ref) implements CacheRef {
    public Registry {
      Objects.requireNonNull(ref, "ref");
    }
  }

  /** {@code type=local,src=DIR} or {@code type=local,dest=DIR}. */
  record Local(Path dir) implements CacheRef {
    public Local {
      Objects.requireNonNull(dir, "dir");
    }
  }
}
