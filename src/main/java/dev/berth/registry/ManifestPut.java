package dev.berth.registry;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** {@code PUT /v2/<name>/manifests/<reference>}: uploads a manifest under a tag or its digest. */
final class ManifestPut {

  private ManifestPut() {}

  static Digest put(
      Transport t,
      String repository,
      String reference,
      String mediaType,
      byte[] bytes,
      List<String> scopes)
      throws IOException {
    Step step = new Step("push manifest", t.registry(), repository, reference);
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "PUT",
                t.uri("/v2/" + repository + "/manifests/" + reference),
                Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(bytes),
                scopes,
                step));
    if (resp.statusCode() != 201 && resp.statusCode() != 200) {
      throw Transport.failure(step, resp);
    }
    Transport.discard(resp);
    return Digest.sha256(bytes);
  }
}
