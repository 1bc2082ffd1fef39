package dev.berth.solver;

import dev.berth.context.ContentHasher;
import dev.berth.context.DockerIgnore;
import dev.berth.image.Digest;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The build context as the steps of one build read it: its directory, the {@code .dockerignore}
 * read once when the build starts (every stage thread shares it, unchanged), and the digest cache
 * that the store keeps for this context.
 */
record BuildInputs(Path context, Path dockerfile, DockerIgnore ignore, ContentHasher hasher) {

  BuildInputs {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(ignore, "ignore");
    Objects.requireNonNull(hasher, "hasher");
  }

  static BuildInputs open(Store store, Path context, Path dockerfile) throws IOException {
    String id =
        Digest.sha256(
                context.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8))
            .hex();
    return new BuildInputs(
        context,
        dockerfile,
        DockerIgnore.load(context, Optional.of(dockerfile)),
        new ContentHasher(store.layout().contextCache().resolve(id)));
  }
}
