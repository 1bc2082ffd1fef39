package dev.berth.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A mount of a container: a host path, a named volume, or a tmpfs. */
public sealed interface MountRequest {

  /** Where the mount appears in the container. */
  String target();

  /** A host file or directory ({@code -v /host:/ctr}, {@code --mount type=bind}). */
  record Bind(Path source, String target, boolean readOnly) implements MountRequest {
    public Bind {
      Objects.requireNonNull(source, "source");
      checkTarget(target);
    }
  }

  /** A named volume, made when missing ({@code -v name:/ctr}, {@code --mount type=volume}). */
  record Volume(String name, String target, boolean readOnly) implements MountRequest {
    public Volume {
      Objects.requireNonNull(name, "name");
      checkTarget(target);
    }
  }

  /** A tmpfs ({@code --mount type=tmpfs}, {@code --tmpfs}). */
  record Tmpfs(String target, List<String> options) implements MountRequest {
    public Tmpfs {
      checkTarget(target);
      options = List.copyOf(options);
    }
  }

  private static void checkTarget(String target) {
    Objects.requireNonNull(target, "target");
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("mount target is not absolute: " + target);
    }
  }
}
