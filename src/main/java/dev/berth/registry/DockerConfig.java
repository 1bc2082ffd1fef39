package dev.berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's client config ({@code ~/.docker/config.json}, or {@code $DOCKER_CONFIG/config.json}):
 * credentials in {@code auths}, and credential helpers named by {@code credsStore} and {@code
 * credHelpers}. berth reads and writes the same file, so docker and berth share logins; writing
 * keeps every key it does not know.
 */
public final class DockerConfig {

  /** The key docker uses for Docker Hub, for historical reasons. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final CredentialHelper helpers;

  DockerConfig(Path file, CredentialHelper helpers) {
    this.file = file;
    this.helpers = helpers;
  }

  /** The config at {@code file}, with credential helpers run from PATH. */
  public static DockerConfig at(Path file) {
    return new DockerConfig(
        file, CredentialHelper.onPath(System.getenv().getOrDefault("PATH", "")));
  }

  /** The config docker would use in this environment. */
  public static DockerConfig forEnvironment(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    Path base =
        dir != null && !dir.isBlank()
            ? Path.of(dir)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    return new DockerConfig(
        base.resolve("config.json"), CredentialHelper.onPath(env.getOrDefault("PATH", "")));
  }

  public static DockerConfig forCurrentUser() {
    return forEnvironment(System.getenv());
  }

  public Path file() {
    return file;
  }

  /** The key a registry's entry has in {@code auths}: a host, or Docker Hub's URL. */
  public static String serverKey(String registry) {
    return isDockerHub(registry) ? DOCKER_HUB_KEY : registry;
  }

  /**
   * The credentials for a registry: from its credential helper, else from the default credential
   * store, else from {@code auths}; empty when there are none (anonymous access).
   */
  public Optional<Credentials> lookup(String registry) throws IOException {
    ObjectNode root = read();
    JsonNode credHelpers = root.path("credHelpers");
    for (String name : iterable(credHelpers)) {
      if (sameServer(name, registry)) {
        return fromHelper(credHelpers.get(name).asText(), serverKey(registry));
      }
    }
    String store = root.path("credsStore").asText("");
    if (!store.isEmpty()) {
      Optional<Credentials> c = fromHelper(store, serverKey(registry));
      if (c.isPresent()) {
        return c;
      }
    }
    JsonNode auths = root.path("auths");
    for (String name : iterable(auths)) {
      if (sameServer(name, registry)) {
        Optional<Credentials> c = fromAuthEntry(name, auths.get(name));
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Records credentials as {@code docker login} does: through the registry's credential helper
   * ({@code credHelpers}), else the default store ({@code credsStore}, leaving an empty entry in
   * {@code auths} so the login is listed), else base64 in {@code auths}.
   *
   * @return where they went: the helper's program name, or the file
   */
  public String store(String registry, Credentials credentials) throws IOException {
    ObjectNode root = read();
    Optional<String> helper = helperFor(root, registry);
    ObjectNode auths = root.get("auths") instanceof ObjectNode o ? o : root.putObject("auths");
    removeMatching(auths, registry);
    if (helper.isPresent()) {
      ObjectNode msg = JSON.createObjectNode();
      msg.put("ServerURL", serverKey(registry));
      msg.put("Username", credentials.username());
      msg.put("Secret", credentials.password());
      helpers.store(helper.get(), JSON.writeValueAsString(msg));
      if (!hasHelperKey(root, registry)) {
        auths.putObject(serverKey(registry));
      }
      write(root);
      return "docker-credential-" + helper.get();
    }
    auths.putObject(serverKey(registry)).put("auth", credentials.basicToken());
    write(root);
    return file.toString();
  }

  /**
   * Forgets a registry's credentials: in its credential helper, if it has one, and in {@code
   * auths}.
   *
   * @return whether there were any
   */
  public boolean remove(String registry) throws IOException {
    ObjectNode root = read();
    boolean removed = false;
    Optional<String> helper = helperFor(root, registry);
    if (helper.isPresent()) {
      removed = helpers.erase(helper.get(), serverKey(registry));
    }
    if (root.get("auths") instanceof ObjectNode auths && removeMatching(auths, registry)) {
      write(root);
      removed = true;
    }
    return removed;
  }

  /** The helper that keeps a registry's credentials: its own in credHelpers, else credsStore. */
  private static Optional<String> helperFor(ObjectNode root, String registry) {
    JsonNode credHelpers = root.path("credHelpers");
    for (String name : iterable(credHelpers)) {
      if (sameServer(name, registry)) {
        return Optional.of(credHelpers.get(name).asText());
      }
    }
    String store = root.path("credsStore").asText("");
    return store.isEmpty() ? Optional.empty() : Optional.of(store);
  }

  private static boolean hasHelperKey(ObjectNode root, String registry) {
    for (String name : iterable(root.path("credHelpers"))) {
      if (sameServer(name, registry)) {
        return true;
      }
    }
    return false;
  }

  private static boolean removeMatching(ObjectNode auths, String registry) {
    boolean removed = false;
    for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
      if (sameServer(it.next(), registry)) {
        it.remove();
        removed = true;
      }
    }
    return removed;
  }

  private Optional<Credentials> fromHelper(String helper, String server) throws IOException {
    Optional<String> answer = helpers.get(helper, server);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      n = JSON.readTree(answer.get());
    } catch (IOException e) {
      throw new IOException(
          "docker-credential-" + helper + " gave an answer that is not JSON for " + server, e);
    }
    String user = n.path("Username").asText("");
    String secret = n.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    // docker's convention: a helper keeps an identity token under the user name "<token>".
    return Optional.of(
        user.equals(Credentials.TOKEN_USER)
            ? Credentials.ofIdentityToken("", secret)
            : new Credentials(user, secret));
  }

  private Optional<Credentials> fromAuthEntry(String key, JsonNode entry) throws IOException {
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      Optional<Credentials> user = fromAuthEntry(key, withoutIdentityToken(entry));
      return Optional.of(
          Credentials.ofIdentityToken(user.map(Credentials::username).orElse(""), identityToken));
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": auths." + key + ".auth is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IOException(file + ": auths." + key + ".auth is not base64 of user:password");
      }
      return Optional.of(
          new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    return user.isEmpty() && password.isEmpty()
        ? Optional.empty()
        : Optional.of(new Credentials(user, password));
  }

  private static JsonNode withoutIdentityToken(JsonNode entry) {
    ObjectNode copy = entry.deepCopy();
    copy.remove("identitytoken");
    return copy;
  }

  /**
   * Whether a config key names the registry. Keys may be hosts or URLs ({@code https://host/v1/});
   * Docker Hub goes by several names.
   */
  static boolean sameServer(String key, String registry) {
    String host = hostOf(key);
    String wanted = registry.toLowerCase(Locale.ROOT);
    return host.equals(wanted) || (isDockerHub(host) && isDockerHub(wanted));
  }

  private static String hostOf(String key) {
    String k = key.toLowerCase(Locale.ROOT).trim();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    return slash >= 0 ? k.substring(0, slash) : k;
  }

  private static boolean isDockerHub(String host) {
    return host.equals("docker.io")
        || host.equals("index.docker.io")
        || host.equals("registry-1.docker.io");
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private ObjectNode read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return JSON.createObjectNode();
    }
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(n instanceof ObjectNode o)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return o;
  }

  /** Writes the file atomically, readable by its owner only, since it holds passwords. */
  private void write(ObjectNode root) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".config.json.", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.write(tmp, JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
