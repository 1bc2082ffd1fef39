package dev.berth.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** {@code GET /v2/}: whether the registry speaks the distribution API and accepts our auth. */
final class ApiCheck {

  private ApiCheck() {}

  static void check(Transport t) throws IOException {
    Step step = new Step("log in to", t.registry(), "", "");
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "GET",
                t.uri("/v2/"),
                Map.of(),
                HttpRequest.BodyPublishers::noBody,
                List.of(),
                step));
    if (resp.statusCode() != 200) {
      throw Transport.failure(step, resp);
    }
    Transport.discard(resp);
  }
}
