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
