package dev.berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's authentication challenges for one registry: basic auth with the user's
 * credentials, or the bearer-token flow (ask the challenge's realm for a token for the service and
 * scopes, with the credentials if there are any). Tokens are cached per scope until they expire.
 */
final class Authenticator {

  /** Tokens without {@code expires_in} last this long, as the token spec says. */
  static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String registry;
  private final CredentialSource credentials;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile boolean basic;

  /** Where credentials come from, looked up only when a registry asks for them. */
  @FunctionalInterface
  interface CredentialSource {
    Optional<Credentials> lookup(String registry) throws IOException;
  }

  private record Token(String value, Instant expires) {}

  Authenticator(HttpClient http, String registry, CredentialSource credentials, Clock clock) {
    this.http = http;
    this.registry = registry;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** The Authorization header to send for these scopes, if one is known. */
  Optional<String> header(List<String> scopes) throws IOException {
    Token t = tokens.get(key(scopes));
    if (t != null && clock.instant().isBefore(t.expires())) {
      return Optional.of("Bearer " + t.value());
    }
    if (basic) {
      return credentials.lookup(registry).map(c -> "Basic " + c.basicToken());
    }
    return Optional.empty();
  }

  /**
   * Handles a 401: prepares the header the next attempt sends.
   *
   * @return false when the challenge cannot be answered (no credentials for basic auth, an unknown
   *     scheme), so the 401 stands
   */
  boolean answer(List<Challenge> challenges, List<String> scopes, Step step) throws IOException {
    for (Challenge c : challenges) {
      if (c.isBearer() && c.param("realm").isPresent()) {
        fetchToken(c, scopes, step);
        return true;
      }
    }
    for (Challenge c : challenges) {
      if (c.isBasic()) {
        Optional<Credentials> creds = credentials.lookup(registry);
        if (creds.isEmpty() || creds.get().identityToken().isPresent()) {
          return false; // an identity token is for the token server, never for basic auth
        }
        basic = true;
        return true;
      }
    }
    return false;
  }

  private void fetchToken(Challenge c, List<String> scopes, Step step) throws IOException {
    StringBuilder query = new StringBuilder();
    c.param("service").ifPresent(s -> append(query, "service", s));
    for (String scope : scopes) {
      append(query, "scope", scope);
    }
    String realm = c.param("realm").orElseThrow();
    URI uri;
    try {
      uri =
          URI.create(
              realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
    } catch (IllegalArgumentException e) {
      throw new BerthException(
          ErrorKind.FAILED,
          "",
          step.describe() + ": the registry's token realm '" + realm + "' is not a URL");
    }
    Optional<Credentials> creds = credentials.lookup(registry);
    HttpRequest.Builder req;
    if (creds.isPresent() && creds.get().identityToken().isPresent()) {
      // docker's way with an identity token: the OAuth2 refresh-token grant, POSTed to the realm.
      StringBuilder form = new StringBuilder();
      append(form, "grant_type", "refresh_token");
      append(form, "refresh_token", creds.get().identityToken().get());
      append(form, "client_id", "berth");
      c.param("service").ifPresent(s -> append(form, "service", s));
      append(form, "scope", String.join(" ", scopes));
      try {
        uri = URI.create(realm);
      } catch (IllegalArgumentException e) {
        throw new BerthException(
            ErrorKind.FAILED,
            "",
            step.describe() + ": the registry's token realm '" + realm + "' is not a URL");
      }
      req =
          HttpRequest.newBuilder(uri)
              .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .timeout(Duration.ofSeconds(60));
    } else {
      req = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(60));
      creds.ifPresent(cr -> req.header("Authorization", "Basic " + cr.basicToken()));
    }
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new BerthException(
          ErrorKind.UNAVAILABLE,
          "",
          step.describe() + ": requesting a token from " + realm + " failed: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while requesting a token");
    }
    byte[] body;
    try (InputStream in = resp.body()) {
      body = in.readNBytes(1 << 20);
    }
    if (resp.statusCode() != 200) {
      ErrorBody err = ErrorBody.parse(body);
      ErrorKind kind =
          resp.statusCode() == 401 || resp.statusCode() == 403
              ? ErrorKind.FAILED_PRECONDITION
              : ErrorKind.UNAVAILABLE;
      String code = err.code().orElse(kind == ErrorKind.FAILED_PRECONDITION ? "UNAUTHORIZED" : "");
      throw new BerthException(
          kind,
          code,
          step.describe()
              + ": the token server "
              + realm
              + " refused "
              + (creds.isPresent()
                  ? "the credentials of " + creds.get().username()
                  : "anonymous access")
              + ": "
              + err.describe(resp.statusCode()));
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw new BerthException(
          ErrorKind.FAILED,
          "",
          step.describe() + ": the token server " + realm + " did not answer with JSON");
    }
    String token = n.path("token").asText("");
    if (token.isEmpty()) {
      token = n.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new BerthException(
          ErrorKind.FAILED,
          "",
          step.describe() + ": the token server " + realm + " sent neither token nor access_token");
    }
    long seconds = n.path("expires_in").asLong(0);
    Duration life = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
    // Renew a little early, so a token does not run out between check and use.
    Duration margin =
        life.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(10) : Duration.ZERO;
    tokens.put(key(scopes), new Token(token, clock.instant().plus(life).minus(margin)));
  }

  private static void append(StringBuilder q, String name, String value) {
    if (q.length() > 0) {
      q.append('&');
    }
    q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String key(List<String> scopes) {
    return String.join(" ", scopes);
  }
}
