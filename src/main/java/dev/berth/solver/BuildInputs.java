package dev.berth.solver;

import dev.berth.context.ContentHasher;
import dev.berth.context.DockerIgnore;
import dev.berth.diag.BerthException;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The build context as the steps of one build read it: its directory, the {@code .dockerignore}
 * read once when the build starts (every stage thread shares it, unchanged), and the digest cache
 * that the store keeps for this context.
 */
record BuildInputs(
    Path context,
    Path dockerfile,
    DockerIgnore ignore,
    ContentHasher hasher,
    Map<String, BuildInputs> named) {

  BuildInputs {
    named = Map.copyOf(named);
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(ignore, "ignore");
    Objects.requireNonNull(hasher, "hasher");
  }

  static BuildInputs open(Store store, Path context, Path dockerfile) throws IOException {
    return open(store, context, dockerfile, Map.of());
  }

  /**
   * @param named the directories of named contexts ({@code --build-context NAME=PATH}), each read
   *     with its own {@code .dockerignore} and digest cache
   */
  static BuildInputs open(Store store, Path context, Path dockerfile, Map<String, Path> named)
      throws IOException {
    Map<String, BuildInputs> dirs = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : named.entrySet()) {
      Path dir = e.getValue();
      dirs.put(
          e.getKey(),
          new BuildInputs(
              dir,
              dockerfile,
              DockerIgnore.load(dir, Optional.empty()),
              hasher(store, dir),
              Map.of()));
    }
    return new BuildInputs(
        context,
        dockerfile,
        DockerIgnore.load(context, Optional.of(dockerfile)),
        hasher(store, context),
        dirs);
  }

  private static ContentHasher hasher(Store store, Path dir) {
    return new ContentHasher(store.layout().contextDigests(dir));
  }

  /** The inputs of the named directory context {@code name}. */
  BuildInputs named(String name) throws BerthException {
    BuildInputs in = named.get(name);
    if (in == null) {
      throw BerthException.invalid("there is no named context '" + name + "'");
    }
    return in;
  }
}
