package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches OCI Features for the resolver: the caller downloads the artifact through its registry
 * client and unpacks it into a folder. Local Features need no fetcher.
 */
public interface FeatureFetcher {

  /** A fetched Feature: its unpacked folder and the manifest it came from. */
  record Fetched(Path directory, Optional<String> manifestDigest, Optional<JsonNode> manifest) {
    public Fetched {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(manifestDigest, "manifestDigest");
      Objects.requireNonNull(manifest, "manifest");
    }
  }

  /**
   * Fetches and unpacks one Feature.
   *
   * @throws IOException when it cannot be fetched; the message says why
   */
  Fetched fetch(FeatureReference.Oci reference) throws IOException;

  /** For configurations with local Features only: any OCI Feature is an error. */
  FeatureFetcher LOCAL_ONLY =
      ref -> {
        throw new IOException("OCI Features are not fetched here (" + ref.reference() + ")");
      };
}
