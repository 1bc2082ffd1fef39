package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against small fake registries on 127.0.0.1: auth flows, redirects, faults. */
class RegistryClientTest {

  private static final byte[] MANIFEST =
      ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
              + "\"digest\":\"sha256:"
              + "a".repeat(64)
              + "\",\"size\":2},\"layers\":[]}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] BLOB =
      "the blob's bytes".repeat(1000).getBytes(StandardCharsets.UTF_8);
  private static final Descriptor BLOB_DESC =
      new Descriptor("application/octet-stream", Digest.sha256(BLOB), BLOB.length);

  private final List<HttpServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private HttpServer server() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.start();
    servers.add(s);
    return s;
  }

  private static String host(HttpServer s) {
    return "127.0.0.1:" + s.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  private static Registries registries(Optional<Credentials> creds) {
    RegistryOptions options =
        RegistryOptions.defaults()
            .withRetry(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2)));
    return new Registries(r -> creds, options, d -> {});
  }

  @Test
  void bearerChallengeGetsATokenForTheScopeAndCachesIt() throws IOException {
    HttpServer auth = server();
    AtomicInteger tokenRequests = new AtomicInteger();
    List<String> queries = Collections.synchronizedList(new ArrayList<>());
    auth.createContext(
        "/token",
        ex -> {
          tokenRequests.incrementAndGet();
          queries.add(ex.getRequestURI().getRawQuery());
          reply(ex, 200, "{\"access_token\":\"T0K\"}".getBytes(StandardCharsets.UTF_8));
        });
    HttpServer reg = server();
    reg.createContext(
        "/v2/",
        ex -> {
          if (!"Bearer T0K".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://" + host(auth) + "/token\",service=\"fake, registry\"");
            reply(
                ex,
                401,
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"no\"}]}".getBytes());
            return;
          }
          ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
          reply(ex, 200, MANIFEST);
        });
    RegistryClient client = registries(Optional.empty()).client(host(reg), "lib/app", false);
    FetchedManifest m = client.manifest("1");
    client.manifest("1");
    assertThat(m.digest()).isEqualTo(Digest.sha256(MANIFEST));
    assertThat(tokenRequests).hasValue(1);
    assertThat(queries.get(0))
        .isEqualTo("service=fake%2C+registry&scope=repository%3Alib%2Fapp%3Apull");
  }

  @Test
  void anIdentityTokenIsSentAsAnOAuth2RefreshTokenGrant() throws IOException {
    HttpServer auth = server();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    auth.createContext(
        "/token",
        ex -> {
          seen.add(
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          reply(ex, 200, "{\"access_token\":\"FRESH\",\"expires_in\":300}".getBytes());
        });
    HttpServer reg = server();
    reg.createContext(
        "/v2/",
        ex -> {
          if (!"Bearer FRESH".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://" + host(auth) + "/token\",service=\"reg\"");
            reply(ex, 401, new byte[0]);
            return;
          }
          ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
          reply(ex, 200, MANIFEST);
        });
    registries(Optional.of(Credentials.ofIdentityToken("me", "REFRESH-1")))
        .client(host(reg), "lib/app", false)
        .manifest("1");
    assertThat(seen)
        .containsExactly(
            "POST null grant_type=refresh_token&refresh_token=REFRESH-1&client_id=berth"
                + "&service=reg&scope=repository%3Alib%2Fapp%3Apull");
  }

  @Test
  void aCrossOriginRedirectDoesNotCarryTheCredentials() throws IOException {
    HttpServer cdn = server();
    List<String> cdnAuth = Collections.synchronizedList(new ArrayList<>());
    cdn.createContext(
        "/blob",
        ex -> {
          cdnAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          reply(ex, 200, BLOB);
        });
    HttpServer reg = server();
    reg.createContext(
        "/v2/",
        ex -> {
          if (ex.getRequestHeaders().getFirst("Authorization") == null) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
            reply(ex, 401, new byte[0]);
            return;
          }
          ex.getResponseHeaders().add("Location", "http://" + host(cdn) + "/blob");
          reply(ex, 307, new byte[0]);
        });
    MemoryBlobs into = new MemoryBlobs();
    registries(Optional.of(new Credentials("u", "p")))
        .client(host(reg), "app", false)
        .fetchBlob(BLOB_DESC, into, TransferListener.none());
    assertThat(into.committed).containsKey(BLOB_DESC.digest());
    assertThat(cdnAuth).containsExactly("null");
  }

  @Test
  void serverErrorsAndCorruptContentAreRetriedAndNeverCommitted() throws IOException {
    HttpServer reg = server();
    AtomicInteger calls = new AtomicInteger();
    reg.createContext(
        "/v2/",
        ex -> {
          int n = calls.incrementAndGet();
          if (n == 1) {
            reply(ex, 503, new byte[0]);
          } else if (n == 2) {
            ex.getResponseHeaders().add("Retry-After", "0");
            reply(ex, 429, new byte[0]);
          } else if (n == 3) {
            byte[] bad = BLOB.clone();
            bad[10] ^= 1;
            reply(ex, 200, bad);
          } else {
            reply(ex, 200, BLOB);
          }
        });
    MemoryBlobs into = new MemoryBlobs();
    registries(Optional.empty())
        .client(host(reg), "app", false)
        .fetchBlob(BLOB_DESC, into, TransferListener.none());
    assertThat(calls).hasValue(4);
    assertThat(into.committed).containsOnlyKeys(BLOB_DESC.digest());
  }

  @Test
  void persistentCorruptionFailsAndStoresNothing() throws IOException {
    HttpServer reg = server();
    reg.createContext("/v2/", ex -> reply(ex, 200, "not it".getBytes(StandardCharsets.UTF_8)));
    MemoryBlobs into = new MemoryBlobs();
    RegistryClient client = registries(Optional.empty()).client(host(reg), "app", false);
    assertThatThrownBy(() -> client.fetchBlob(BLOB_DESC, into, TransferListener.none()))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("pull blob " + BLOB_DESC.digest())
        .hasMessageContaining(host(reg) + "/app")
        .hasMessageContaining("after 4 attempts");
    assertThat(into.committed).isEmpty();
  }

  @Test
  void errorsNameTheStepAndTheRegistrysCode() throws IOException {
    HttpServer reg = server();
    reg.createContext(
        "/v2/",
        ex ->
            reply(
                ex,
                403,
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"
                    .getBytes(StandardCharsets.UTF_8)));
    RegistryClient client = registries(Optional.empty()).client(host(reg), "team/app", true);
    assertThatThrownBy(
            () -> client.putManifest("1", "application/vnd.oci.image.manifest.v1+json", MANIFEST))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.code()).isEqualTo("DENIED");
              assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
            })
        .hasMessageContaining("push manifest 1 (" + host(reg) + "/team/app)")
        .hasMessageContaining("DENIED: requested access to the resource is denied (HTTP 403)");
  }

  @Test
  void plainHttpOnlyForTheLocalMachineAndNamedRegistries() {
    assertThat(Transport.baseUri("127.0.0.1:5000", Set.of()).getScheme()).isEqualTo("http");
    assertThat(Transport.baseUri("localhost", Set.of()).getScheme()).isEqualTo("http");
    assertThat(Transport.baseUri("ghcr.io", Set.of()).getScheme()).isEqualTo("https");
    assertThat(Transport.baseUri("reg.lan:5000", Set.of("reg.lan:5000")).getScheme())
        .isEqualTo("http");
    assertThat(Transport.baseUri("docker.io", Set.of()).toString())
        .isEqualTo("https://registry-1.docker.io");
  }
}
