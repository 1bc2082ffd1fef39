package dev.berth.solver.cache;

import dev.berth.image.ImageReference;
import java.nio.file.Path;
import java.util.Objects;

/** Where a shared build cache lives: a registry reference, or an OCI image layout directory. */
public sealed interface CacheLocation {

  /** How messages name it: {@code registry localhost:5000/app:cache}, {@code local /dir}. */
  String describe();

  /** {@code type=registry,ref=REF}: a manifest under a tag of a registry repository. */
  record Registry(ImageReference ref) implements CacheLocation {
    public Registry {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String describe() {
      return "registry " + ref.familiar();
    }
  }

  /** {@code type=local,src=DIR} or {@code dest=DIR}: an OCI image layout directory. */
  record Local(Path dir) implements CacheLocation {
    public Local {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String describe() {
      return "local " + dir;
    }
  }
}
