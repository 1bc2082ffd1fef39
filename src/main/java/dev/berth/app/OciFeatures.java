package dev.berth.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.devcontainer.FeatureFetcher;
import dev.berth.devcontainer.FeatureReference;
import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.layer.LayerApplier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Dev container Features published as OCI artifacts ({@code ghcr.io/devcontainers/features/x:1}),
 * fetched through berth's registry client: the artifact's one tar layer, verified against its
 * digest, unpacked safely into a folder of its own.
 */
final class OciFeatures implements FeatureFetcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Berth berth;

  OciFeatures(Berth berth) {
    this.berth = berth;
  }

  @Override
  public Fetched fetch(FeatureReference.Oci r) throws IOException {
    String ref =
        r.registry()
            + "/"
            + r.namespace()
            + "/"
            + r.id()
            + r.digest().map(d -> "@" + d).orElse(":" + r.tag().orElse("latest"));
    RegistryService registries = berth.registries();
    RegistryService.Artifact a = registries.fetchArtifact(ref);
    if (a.layers().isEmpty()) {
      throw BerthException.invalid("Feature " + r.userFeatureId() + ": the artifact has no layer");
    }
    Descriptor layer = a.layers().get(0);
    Path dir = Files.createTempDirectory("berth-feature-");
    try (ByteArrayInputStream in = new ByteArrayInputStream(registries.blob(layer.digest()))) {
      new LayerApplier().apply(in, dir);
    }
    return new Fetched(
        dir, Optional.of(a.manifestDigest().toString()), Optional.of(JSON.readTree(a.manifest())));
  }
}
