package dev.berth.solver;

import dev.berth.diag.BerthException;
import dev.berth.image.Digest;
import dev.berth.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files that ADD fetches from http(s) URLs, each downloaded once per build, verified against {@code
 * --checksum} when one is given, with the server's Last-Modified as their time.
 */
final class Downloads {

  /** A downloaded file. */
  record Downloaded(
      Path file, Digest digest, long size, Optional<Instant> lastModified, String name) {}

  private final Store store;
  private final Map<String, Downloaded> done = new ConcurrentHashMap<>();
  // Made at the first download: a client sets up TLS, about a fifth of a second that a build
  // with no ADD of a URL should not pay.
  private HttpClient http;

  Downloads(Store store) {
    this.store = store;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
    }
    return http;
  }

  static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /**
   * The digest a URL source contributes to the cache key: its checksum if given, else its
   * content's.
   */
  Digest keyDigest(String url, Optional<String> checksum) throws IOException {
    if (checksum.isPresent()) {
      return parse(checksum.get());
    }
    return fetch(url, Optional.empty()).digest();
  }

  Downloaded fetch(String url, Optional<String> checksum) throws IOException {
    Downloaded d = done.get(url);
    if (d == null) {
      d = download(url);
      done.put(url, d);
    }
    if (checksum.isPresent()) {
      Digest want = parse(checksum.get());
      if (!want.equals(d.digest())) {
        throw BerthException.invalid(
            "ADD "
                + url
                + ": checksum mismatch: expected "
                + want
                + ", downloaded content is "
                + d.digest());
      }
    }
    return d;
  }

  private static Digest parse(String checksum) throws BerthException {
    try {
      return Digest.parse(checksum);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("ADD --checksum: " + e.getMessage());
    }
  }

  private Downloaded download(String url) throws IOException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("ADD: invalid URL " + url);
    }
    Path dir = store.newTempPath("download").getParent();
    Files.createDirectories(dir);
    Path file = Files.createTempFile(dir, "add-", ".download");
    HttpResponse<InputStream> response;
    try {
      response =
          http()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("ADD " + url + ": interrupted", e);
    } catch (IOException e) {
      throw BerthException.invalid("ADD " + url + ": cannot download: " + e.getMessage());
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw BerthException.invalid(
          "ADD " + url + ": the server answered HTTP " + response.statusCode());
    }
    MessageDigest md = Digest.newSha256();
    long size = 0;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        out.write(buf, 0, n);
        size += n;
      }
    }
    Optional<Instant> modified =
        response.headers().firstValue("Last-Modified").flatMap(Downloads::httpDate);
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new Downloaded(
        file, Digest.fromSha256(md.digest()), size, modified, name.isEmpty() ? "index.html" : name);
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
