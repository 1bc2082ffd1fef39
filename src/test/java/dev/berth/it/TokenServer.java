package dev.berth.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bearer-token server for a test registry on 127.0.0.1: checks basic credentials and answers with
 * an RS256 JWT that grants what each requested scope asks for. Anonymous requests get a token that
 * grants nothing, as Docker Hub's does for a private repository. The JWT carries its self-signed
 * certificate in {@code x5c}; the registry trusts it through {@code rootcertbundle}.
 */
final class TokenServer implements AutoCloseable {

  static final String SERVICE = "berth-test-registry";
  static final String ISSUER = "berth-test-issuer";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final PrivateKey key;
  private final String certificate;
  private final Path certFile;
  private final String user;
  private final String password;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /** One token request as the server saw it. */
  record Request(String user, String service, List<String> scopes) {}

  private TokenServer(
      HttpServer server,
      PrivateKey key,
      String certificate,
      Path certFile,
      String user,
      String password) {
    this.server = server;
    this.key = key;
    this.certificate = certificate;
    this.certFile = certFile;
    this.user = user;
    this.password = password;
  }

  /** Makes a key pair and certificate in {@code dir} with openssl and starts serving. */
  static TokenServer start(Path dir, String user, String password)
      throws IOException, InterruptedException {
    Tools.require("openssl", "making the token server's signing key and certificate");
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("token-key.pem");
    Path certFile = dir.resolve("token-cert.pem");
    Berth.exec(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=berth-test-token",
            "-keyout",
            keyFile.toString(),
            "-out",
            certFile.toString())
        .ok();
    PrivateKey key;
    try {
      key =
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyFile)));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read " + keyFile, e);
    }
    String cert = Base64.getEncoder().encodeToString(pemBody(certFile));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    TokenServer ts = new TokenServer(server, key, cert, certFile, user, password);
    server.createContext("/token", ts::handle);
    server.start();
    return ts;
  }

  /** The {@code auth:} YAML of a registry that trusts this server. */
  String registryAuthConfig() {
    return "  token:\n"
        + "    realm: http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/token\n"
        + "    service: "
        + SERVICE
        + "\n"
        + "    issuer: "
        + ISSUER
        + "\n"
        + "    rootcertbundle: "
        + certFile
        + "\n";
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getRawQuery();
      String service = "";
      List<String> scopes = new ArrayList<>();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (name.equals("service")) {
          service = value;
        } else if (name.equals("scope")) {
          scopes.add(value);
        }
      }
      String subject = "";
      String header = ex.getRequestHeaders().getFirst("Authorization");
      if (header != null) {
        String given =
            header.startsWith("Basic ")
                ? new String(
                    Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8)
                : "";
        if (!given.equals(user + ":" + password)) {
          requests.add(new Request("(refused)", service, scopes));
          reply(
              ex,
              401,
              "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
          return;
        }
        subject = user;
      }
      requests.add(new Request(subject, service, List.copyOf(scopes)));
      ObjectNode body = JSON.createObjectNode();
      body.put("token", jwt(subject, scopes));
      body.put("expires_in", 300);
      body.put("issued_at", Instant.now().toString());
      reply(ex, 200, JSON.writeValueAsString(body));
    }
  }

  /** A JWT granting the asked-for actions when there is a subject, and nothing otherwise. */
  private String jwt(String subject, List<String> scopes) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.putArray("x5c").add(certificate);
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", ISSUER);
    claims.put("sub", subject);
    claims.put("aud", SERVICE);
    claims.put("exp", now + 300);
    claims.put("nbf", now - 10);
    claims.put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    if (!subject.isEmpty()) {
      for (String scope : scopes) {
        // repository:NAME:ACTIONS, where NAME has no colon but may follow a host:port prefix.
        int last = scope.lastIndexOf(':');
        int first = scope.indexOf(':');
        if (first < 0 || last == first) {
          continue;
        }
        ObjectNode a = access.addObject();
        a.put("type", scope.substring(0, first));
        a.put("name", scope.substring(first + 1, last));
        ArrayNode actions = a.putArray("actions");
        for (String action : scope.substring(last + 1).split(",")) {
          actions.add(action);
        }
      }
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(JSON.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(JSON.writeValueAsBytes(claims));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("signing the token failed", e);
    }
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The DER bytes of the first PEM block in a file. */
  private static byte[] pemBody(Path pem) throws IOException {
    StringBuilder b64 = new StringBuilder();
    boolean inside = false;
    for (String line : Files.readAllLines(pem)) {
      if (line.startsWith("-----BEGIN")) {
        inside = true;
      } else if (line.startsWith("-----END")) {
        break;
      } else if (inside) {
        b64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(b64.toString());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
