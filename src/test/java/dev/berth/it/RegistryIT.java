package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth pull, push and login against a real distribution registry on 127.0.0.1. */
class RegistryIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path rootfs;

  @BeforeEach
  void setUp() throws IOException {
    rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("etc/motd"), "pushed and pulled\n");
  }

  /** Runs berth with its own store and docker config directory. */
  private Berth.Result withStdin(String stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Berth.jar().toString());
    cmd.addAll(List.of(args));
    Map<String, String> env =
        Map.of(
            "BERTH_ROOT", tmp.resolve("store").toString(),
            "DOCKER_CONFIG", tmp.resolve("docker").toString());
    if (stdin == null) {
      return Berth.exec(cmd, env);
    }
    Path in = tmp.resolve("stdin");
    Files.writeString(in, stdin);
    List<String> sh = List.of("sh", "-c", "exec \"$@\" < " + in, "sh");
    List<String> all = new ArrayList<>(sh);
    all.addAll(cmd);
    return Berth.exec(all, env);
  }

  private Berth.Result berth(String... args) throws IOException {
    return withStdin(null, args);
  }

  private String manifestDigest(String image) throws IOException {
    JsonNode img = JSON.readTree(berth("inspect", image).ok().out()).get(0);
    return img.get("ManifestDigest").asText();
  }

  /** The manifest digest in docker's last push line: {@code TAG: digest: sha256:… size: N}. */
  static String pushedDigest(Berth.Result push) {
    Matcher m = Pattern.compile("digest: (sha256:[0-9a-f]{64}) size: [0-9]+").matcher(push.out());
    assertThat(m.find()).as("a digest line in %s", push.out()).isTrue();
    return m.group(1);
  }

  @Test
  void roundTripKeepsTheDigestAndTheImageRuns() throws Exception {
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      String image = reg.host() + "/berth/busybox:1";
      berth("import", rootfs.toString(), image).ok();
      String local = manifestDigest(image);

      // The store keeps the imported layer uncompressed; it leaves as gzip, in a new manifest.
      Berth.Result push = berth("push", image).ok();
      String digest = pushedDigest(push);
      assertThat(digest).isNotEqualTo(local);
      assertThat(push.err()).contains("Pushed");

      Berth.Result again = berth("push", image).ok();
      assertThat(again.err()).contains("Already exists").doesNotContain("Pushing");

      berth("tag", image, reg.host() + "/other/copy:2").ok();
      Berth.Result mounted = berth("push", reg.host() + "/other/copy:2").ok();
      assertThat(mounted.err()).contains("Mounted from berth/busybox");

      berth("rmi", image, reg.host() + "/other/copy:2").ok();
      Berth.Result pull = berth("pull", image).ok();
      assertThat(pull.out()).contains("Digest: " + digest);
      assertThat(pull.err()).contains("Pull complete");
      assertThat(manifestDigest(image)).isEqualTo(digest);

      Berth.Result run = berth("run", "--rm", image, "cat", "/etc/motd").ok();
      assertThat(run.out()).isEqualTo("pushed and pulled\n");

      Berth.Result quiet = berth("pull", "-q", image).ok();
      assertThat(quiet.err()).isEmpty();
      assertThat(quiet.out()).isEqualTo(image + "\n");

      Berth.Result missing = berth("pull", reg.host() + "/berth/busybox:nope");
      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(missing.err())
          .contains("MANIFEST_UNKNOWN")
          .contains(reg.host())
          .contains("berth/busybox")
          .contains("pull manifest");
    }
  }

  @Test
  void skopeoReadsWhatBerthPushesAndBerthPullsWhatSkopeoPushes() throws Exception {
    Tools.require("skopeo", "interoperability with another registry client");
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      String image = reg.host() + "/interop/busybox:1";
      berth("import", rootfs.toString(), image).ok();
      String digest = pushedDigest(berth("push", "-q", image).ok());

      Berth.Result inspect =
          Berth.exec("skopeo", "inspect", "--tls-verify=false", "docker://" + image).ok();
      JsonNode info = JSON.readTree(inspect.out());
      assertThat(info.get("Digest").asText()).isEqualTo(digest);
      assertThat(info.get("Architecture").asText()).isEqualTo("amd64");

      Path archive = tmp.resolve("oci.tar");
      berth("save", "--format", "oci", "-o", archive.toString(), image).ok();
      String copied = reg.host() + "/interop/from-skopeo:2";
      Berth.exec(
              "skopeo",
              "copy",
              "--dest-tls-verify=false",
              "oci-archive:" + archive,
              "docker://" + copied)
          .ok();
      berth("pull", copied).ok();
      Berth.Result run = berth("run", "--rm", copied, "cat", "/etc/motd").ok();
      assertThat(run.out()).isEqualTo("pushed and pulled\n");
    }
  }

  @Test
  void basicAuthNeedsALogin() throws Exception {
    Tools.require("htpasswd", "writing the registry's bcrypt password file (apache2-utils)");
    Path htpasswd = tmp.resolve("htpasswd");
    Berth.exec("htpasswd", "-Bbc", htpasswd.toString(), "tester", "s3cret").ok();
    String auth = "  htpasswd:\n    realm: berth-test\n    path: " + htpasswd + "\n";
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), auth)) {
      String image = reg.host() + "/private/busybox:1";
      berth("import", rootfs.toString(), image).ok();

      Berth.Result denied = berth("push", image);
      assertThat(denied.exitCode()).as(denied.err()).isEqualTo(2);
      assertThat(denied.err()).contains("UNAUTHORIZED").contains(reg.host());

      Berth.Result wrong =
          withStdin("wrong\n", "login", "-u", "tester", "--password-stdin", reg.host());
      assertThat(wrong.exitCode()).as(wrong.err()).isEqualTo(2);
      assertThat(wrong.err()).contains("UNAUTHORIZED");
      assertThat(tmp.resolve("docker/config.json")).doesNotExist();

      Files.createDirectories(tmp.resolve("docker"));
      Files.writeString(tmp.resolve("docker/config.json"), "{\"psFormat\": \"table {{.ID}}\"}");
      withStdin("s3cret\n", "login", "-u", "tester", "--password-stdin", reg.host()).ok();
      JsonNode config = JSON.readTree(Files.readString(tmp.resolve("docker/config.json")));
      assertThat(config.get("psFormat").asText()).isEqualTo("table {{.ID}}");
      assertThat(
              new String(
                  Base64.getDecoder()
                      .decode(config.get("auths").get(reg.host()).get("auth").asText()),
                  StandardCharsets.UTF_8))
          .isEqualTo("tester:s3cret");

      berth("push", image).ok();
      berth("rmi", image).ok();
      berth("pull", image).ok();

      berth("logout", reg.host()).ok();
      Berth.Result after = berth("pull", image);
      assertThat(after.exitCode()).isEqualTo(2);
      assertThat(after.err()).contains("UNAUTHORIZED");
    }
  }

  @Test
  void tokenAuthAsksForTheRepositoryScopeWithTheLogin() throws Exception {
    try (TokenServer tokens = TokenServer.start(tmp.resolve("token"), "tester", "s3cret");
        LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), tokens.registryAuthConfig())) {
      String image = reg.host() + "/private/busybox:1";
      berth("import", rootfs.toString(), image).ok();

      Berth.Result denied = berth("push", image);
      assertThat(denied.exitCode()).as(denied.err()).isEqualTo(2);
      assertThat(denied.err())
          .contains("UNAUTHORIZED")
          .contains(reg.host())
          .contains("private/busybox");
      assertThat(tokens.requests())
          .contains(
              new TokenServer.Request(
                  "", TokenServer.SERVICE, List.of("repository:private/busybox:pull,push")));

      Berth.Result wrong =
          withStdin("wrong\n", "login", "-u", "tester", "--password-stdin", reg.host());
      assertThat(wrong.exitCode()).as(wrong.err()).isEqualTo(2);
      assertThat(wrong.err()).contains("UNAUTHORIZED");

      withStdin("s3cret\n", "login", "-u", "tester", "--password-stdin", reg.host()).ok();
      int before = tokens.requests().size();
      berth("push", image).ok();
      assertThat(tokens.requests().subList(before, tokens.requests().size()))
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.user()).isEqualTo("tester");
                assertThat(r.service()).isEqualTo(TokenServer.SERVICE);
                assertThat(r.scopes()).containsExactly("repository:private/busybox:pull,push");
              });

      berth("rmi", image).ok();
      before = tokens.requests().size();
      berth("pull", image).ok();
      assertThat(tokens.requests().subList(before, tokens.requests().size()))
          .isNotEmpty()
          .allSatisfy(
              r -> assertThat(r.scopes()).containsExactly("repository:private/busybox:pull"));
      Berth.Result run = berth("run", "--rm", image, "cat", "/etc/motd").ok();
      assertThat(run.out()).isEqualTo("pushed and pulled\n");
    }
  }

  @Test
  void buildPullsAMissingBaseAndPushesItsTags() throws Exception {
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg-build"), "")) {
      String base = reg.host() + "/berth/base:1";
      Berth publisher = new Berth(tmp.resolve("publisher-store"));
      publisher.run("import", rootfs.toString(), base).ok();
      publisher.run("push", base).ok();

      Path context = Files.createDirectories(tmp.resolve("build-ctx"));
      Files.writeString(
          context.resolve("Dockerfile"), "FROM " + base + "\nRUN echo built > /built\n");
      String result = reg.host() + "/berth/app:1";
      Berth builder = new Berth(tmp.resolve("builder-store"));
      Berth.Result b =
          builder
              .run("build", "--progress", "plain", "--push", "-t", result, context.toString())
              .ok();
      assertThat(b.err()).contains("pulling " + base).contains("pushing");

      Berth consumer = new Berth(tmp.resolve("consumer-store"));
      consumer.run("pull", result).ok();
      assertThat(consumer.run("run", "--rm", result, "cat", "/built").ok().out())
          .isEqualTo("built\n");
    }
  }
}
