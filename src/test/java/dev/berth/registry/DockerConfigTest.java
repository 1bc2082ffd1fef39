package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {

  @TempDir Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private DockerConfig config(String json) throws IOException {
    Path file = tmp.resolve("docker/config.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return DockerConfig.forEnvironment(
        Map.of(
            "DOCKER_CONFIG", file.getParent().toString(), "PATH", tmp.resolve("bin").toString()));
  }

  @Test
  void authsAreMatchedByHostWhateverTheKeyLooksLike() throws IOException {
    DockerConfig c =
        config(
            "{\"auths\": {"
                + "\"https://index.docker.io/v1/\": {\"auth\": \""
                + b64("hub:pw1")
                + "\"},"
                + "\"https://ghcr.io\": {\"auth\": \""
                + b64("gh:p:w")
                + "\"},"
                + "\"127.0.0.1:5000\": {\"username\": \"u\", \"password\": \"p\"}}}");
    assertThat(c.lookup("docker.io")).contains(new Credentials("hub", "pw1"));
    assertThat(c.lookup("ghcr.io")).contains(new Credentials("gh", "p:w"));
    assertThat(c.lookup("127.0.0.1:5000")).contains(new Credentials("u", "p"));
    assertThat(c.lookup("127.0.0.1:5001")).isEmpty();
    assertThat(c.lookup("quay.io")).isEmpty();
  }

  @Test
  void missingFileMeansAnonymous() {
    DockerConfig c =
        DockerConfig.forEnvironment(Map.of("DOCKER_CONFIG", tmp.resolve("none").toString()));
    assertThat(catching(() -> c.lookup("ghcr.io"))).isEmpty();
  }

  @Test
  void badBase64IsReportedWithTheFile() throws IOException {
    DockerConfig c = config("{\"auths\": {\"ghcr.io\": {\"auth\": \"%%%\"}}}");
    assertThatThrownBy(() -> c.lookup("ghcr.io"))
        .hasMessageContaining("config.json")
        .hasMessageContaining("base64");
  }

  @Test
  void credentialHelpersGetTheServerOnStdin() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(
        helper,
        "#!/bin/sh\n"
            + "[ \"$1\" = get ] || exit 3\n"
            + "read server\n"
            + "case \"$server\" in\n"
            + "  ghcr.io) echo"
            + " '{\"ServerURL\":\"ghcr.io\",\"Username\":\"helped\",\"Secret\":\"tok\"}' ;;\n"
            + "  https://index.docker.io/v1/) echo"
            + " '{\"Username\":\"hubber\",\"Secret\":\"hubtok\"}' ;;\n"
            + "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    DockerConfig c =
        config(
            "{\"credHelpers\": {\"ghcr.io\": \"test\"}, \"credsStore\": \"test\","
                + " \"auths\": {\"quay.io\": {\"auth\": \""
                + b64("q:r")
                + "\"}}}");
    assertThat(c.lookup("ghcr.io")).contains(new Credentials("helped", "tok"));
    assertThat(c.lookup("docker.io")).contains(new Credentials("hubber", "hubtok"));
    // The store does not know quay.io, so auths answers.
    assertThat(c.lookup("quay.io")).contains(new Credentials("q", "r"));
    assertThat(c.lookup("example.com")).isEmpty();
  }

  @Test
  void storeAndRemoveKeepOtherKeys() throws IOException {
    DockerConfig c =
        config(
            "{\"psFormat\": \"x\", \"auths\": {\"other.io\": {\"auth\": \"" + b64("o:p") + "\"}}}");
    c.store("docker.io", new Credentials("me", "secret"));
    c.store("127.0.0.1:5000", new Credentials("a", "b"));
    JsonNode n = new ObjectMapper().readTree(Files.readString(c.file()));
    assertThat(n.get("psFormat").asText()).isEqualTo("x");
    assertThat(n.get("auths").get("https://index.docker.io/v1/").get("auth").asText())
        .isEqualTo(b64("me:secret"));
    assertThat(c.lookup("other.io")).contains(new Credentials("o", "p"));
    assertThat(Files.getPosixFilePermissions(c.file()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    assertThat(c.remove("docker.io")).isTrue();
    assertThat(c.remove("docker.io")).isFalse();
    assertThat(c.lookup("docker.io")).isEmpty();
    assertThat(c.lookup("127.0.0.1:5000")).contains(new Credentials("a", "b"));
  }

  /**
   * A fake docker-credential-fake that keeps what it is given in a directory, one file a server.
   */
  private Path fakeHelper() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path kept = Files.createDirectories(tmp.resolve("kept"));
    Path helper = bin.resolve("docker-credential-fake");
    Files.writeString(
        helper,
        "#!/bin/sh\n"
            + "dir="
            + kept
            + "\n"
            + "input=$(cat)\n"
            + "case \"$1\" in\n"
            + "  store) server=$(printf '%s' \"$input\" | sed"
            + " 's/.*\"ServerURL\":\"\\([^\"]*\\)\".*/\\1/')\n"
            + "         printf '%s' \"$input\" > \"$dir/$(printf '%s' \"$server\" | tr '/:' '__')\""
            + " ;;\n"
            + "  get)   f=\"$dir/$(printf '%s' \"$input\" | tr '/:' '__')\"\n"
            + "         [ -f \"$f\" ] || { echo 'credentials not found in native keychain'; exit 1;"
            + " }\n"
            + "         cat \"$f\" ;;\n"
            + "  erase) f=\"$dir/$(printf '%s' \"$input\" | tr '/:' '__')\"\n"
            + "         [ -f \"$f\" ] || { echo 'credentials not found in native keychain'; exit 1;"
            + " }\n"
            + "         rm \"$f\" ;;\n"
            + "  *) exit 3 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return kept;
  }

  @Test
  void loginStoresThroughTheCredsStoreAndLogoutErases() throws IOException {
    Path kept = fakeHelper();
    DockerConfig c = config("{\"credsStore\": \"fake\"}");
    assertThat(c.store("127.0.0.1:5000", new Credentials("me", "s3cret")))
        .isEqualTo("docker-credential-fake");
    // The helper got docker's JSON; the file keeps only an empty entry, never the secret.
    JsonNode given = new ObjectMapper().readTree(kept.resolve("127.0.0.1_5000").toFile());
    assertThat(given.get("ServerURL").asText()).isEqualTo("127.0.0.1:5000");
    assertThat(given.get("Username").asText()).isEqualTo("me");
    assertThat(given.get("Secret").asText()).isEqualTo("s3cret");
    String file = Files.readString(c.file());
    assertThat(file).doesNotContain("s3cret");
    assertThat(new ObjectMapper().readTree(file).get("auths").get("127.0.0.1:5000").size())
        .isZero();
    assertThat(c.lookup("127.0.0.1:5000")).contains(new Credentials("me", "s3cret"));

    c.store("docker.io", new Credentials("hub", "pw"));
    assertThat(kept.resolve("https___index.docker.io_v1_")).exists();

    assertThat(c.remove("127.0.0.1:5000")).isTrue();
    assertThat(kept.resolve("127.0.0.1_5000")).doesNotExist();
    assertThat(c.lookup("127.0.0.1:5000")).isEmpty();
    assertThat(c.remove("127.0.0.1:5000")).isFalse();
  }

  @Test
  void aRegistrysOwnHelperWinsOverTheStoreAndLeavesAuthsAlone() throws IOException {
    Path kept = fakeHelper();
    DockerConfig c =
        config("{\"credsStore\": \"missing\", \"credHelpers\": {\"ghcr.io\": \"fake\"}}");
    c.store("ghcr.io", new Credentials("gh", "tok"));
    assertThat(kept.resolve("ghcr.io")).exists();
    assertThat(new ObjectMapper().readTree(Files.readString(c.file())).path("auths").has("ghcr.io"))
        .isFalse();
    assertThat(c.lookup("ghcr.io")).contains(new Credentials("gh", "tok"));
  }

  @Test
  void identityTokensComeFromAuthsAndFromHelpers() throws IOException {
    Path kept = fakeHelper();
    Files.writeString(
        kept.resolve("quay.io"),
        "{\"ServerURL\":\"quay.io\",\"Username\":\"<token>\",\"Secret\":\"REFRESH-2\"}");
    DockerConfig c =
        config(
            "{\"credHelpers\": {\"quay.io\": \"fake\"}, \"auths\": {\"ghcr.io\": {\"auth\": \""
                + b64("me:")
                + "\", \"identitytoken\": \"REFRESH-1\"}}}");
    assertThat(c.lookup("ghcr.io")).contains(Credentials.ofIdentityToken("me", "REFRESH-1"));
    assertThat(c.lookup("quay.io")).contains(Credentials.ofIdentityToken("", "REFRESH-2"));
  }

  private interface Io<T> {
    T get() throws IOException;
  }

  private static <T> T catching(Io<T> io) {
    try {
      return io.get();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
