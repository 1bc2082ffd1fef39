package dev.berth.registry;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}: asks the registry to link a
 * blob it already holds in another repository, so its bytes are not sent again. The spec lets a
 * registry decline by starting an ordinary upload instead (202), which is then used.
 */
final class BlobMount {

  /** The outcome: mounted, or declined with the upload session the registry opened. */
  record Result(boolean mounted, Optional<URI> upload) {}

  private BlobMount() {}

  static Result mount(
      Transport t, String repository, Digest digest, String from, List<String> scopes)
      throws IOException {
    Step step = new Step("mount blob", t.registry(), repository, digest + " from " + from);
    URI uri =
        t.uri(
            "/v2/"
                + repository
                + "/blobs/uploads/?mount="
                + digest
                + "&from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8));
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "POST", uri, Map.of(), HttpRequest.BodyPublishers::noBody, scopes, step));
    int status = resp.statusCode();
    Optional<String> location = resp.headers().firstValue("Location");
    if (status == 201) {
      Transport.discard(resp);
      return new Result(true, Optional.empty());
    }
    if (status == 202 && location.isPresent()) {
      Transport.discard(resp);
      return new Result(false, Optional.of(resp.uri().resolve(location.get())));
    }
    throw Transport.failure(step, resp);
  }
}
