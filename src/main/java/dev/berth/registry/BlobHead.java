package dev.berth.registry;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** {@code HEAD /v2/<name>/blobs/<digest>}: whether the repository has a blob. */
final class BlobHead {

  private BlobHead() {}

  static boolean exists(Transport t, String repository, Digest digest, List<String> scopes)
      throws IOException {
    Step step = new Step("check blob", t.registry(), repository, digest.toString());
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "HEAD",
                t.uri("/v2/" + repository + "/blobs/" + digest),
                Map.of(),
                HttpRequest.BodyPublishers::noBody,
                scopes,
                step));
    if (resp.statusCode() == 200) {
      Transport.discard(resp);
      return true;
    }
    if (resp.statusCode() == 404) {
      Transport.discard(resp);
      return false;
    }
    throw Transport.failure(step, resp);
  }
}
