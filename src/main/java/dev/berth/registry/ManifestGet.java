package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/manifests/<reference>}: a manifest or index, checked against its digest.
 */
final class ManifestGet {

  /** Manifests larger than this are refused, as distribution itself refuses them. */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  static final String ACCEPT =
      String.join(
          ", ",
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX,
          MediaType.DOCKER_MANIFEST,
          MediaType.DOCKER_MANIFEST_LIST);

  private ManifestGet() {}

  static FetchedManifest get(Transport t, String repository, String reference, List<String> scopes)
      throws IOException {
    Step step = new Step("pull manifest", t.registry(), repository, reference);
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "GET",
                t.uri("/v2/" + repository + "/manifests/" + reference),
                Map.of("Accept", ACCEPT),
                HttpRequest.BodyPublishers::noBody,
                scopes,
                step));
    if (resp.statusCode() != 200) {
      throw Transport.failure(step, resp);
    }
    byte[] bytes;
    try (InputStream in = resp.body()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new BerthException(
          ErrorKind.FAILED,
          "",
          step.describe() + ": the manifest is larger than " + MAX_BYTES + " bytes");
    }
    Digest actual = Digest.sha256(bytes);
    Optional<Digest> expected =
        Digest.isValid(reference)
            ? Optional.of(Digest.parse(reference))
            : resp.headers()
                .firstValue("Docker-Content-Digest")
                .filter(Digest::isValid)
                .map(Digest::parse);
    if (expected.isPresent()
        && expected.get().algorithm().equals("sha256")
        && !expected.get().equals(actual)) {
      throw new BerthException(
          ErrorKind.FAILED,
          "DIGEST_INVALID",
          step.describe() + ": the manifest's bytes hash to " + actual + ", not " + expected.get());
    }
    String type;
    try {
      type = ImageJson.mediaTypeOf(bytes);
    } catch (RuntimeException e) {
      throw new BerthException(
          ErrorKind.FAILED, "MANIFEST_INVALID", step.describe() + ": " + e.getMessage());
    }
    if (!MediaType.isManifest(type) && !MediaType.isIndex(type)) {
      throw new BerthException(
          ErrorKind.FAILED,
          "MANIFEST_INVALID",
          step.describe()
              + ": unsupported media type "
              + type
              + " (berth reads OCI and Docker schema-2 manifests and indexes)");
    }
    return new FetchedManifest(type, actual, bytes);
  }
}
