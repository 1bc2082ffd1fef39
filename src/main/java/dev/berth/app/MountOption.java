package dev.berth.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A container mount as {@code -v} and {@code --mount} ask for it. */
public sealed interface MountOption {

  String target();

  /** A host file or directory. */
  record Bind(Path source, String target, boolean readOnly) implements MountOption {
    public Bind {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
      if (!source.isAbsolute()) {
        throw new IllegalArgumentException("mount source is not absolute: " + source);
      }
      if (!target.startsWith("/")) {
        throw new IllegalArgumentException("mount target is not absolute: " + target);
      }
    }
  }

  /** A named volume, made when missing. */
  record Volume(String name, String target, boolean readOnly) implements MountOption {
    public Volume {
      Objects.requireNonNull(name, "name");
      if (!target.startsWith("/")) {
        throw new IllegalArgumentException("mount target is not absolute: " + target);
      }
    }
  }

  /** A tmpfs with mount options such as {@code size=64m}. */
  record Tmpfs(String target, List<String> options) implements MountOption {
    public Tmpfs {
      if (!target.startsWith("/")) {
        throw new IllegalArgumentException("mount target is not absolute: " + target);
      }
      options = List.copyOf(options);
    }
  }
}
