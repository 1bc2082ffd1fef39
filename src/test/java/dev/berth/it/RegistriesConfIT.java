package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * registries.conf against two real registries on 127.0.0.1: a pull through a mirror while the main
 * registry is down, a short name resolved through unqualified-search-registries, builds whose FROM
 * goes the same way, and a blocked registry refused.
 */
class RegistriesConfIT {

  @TempDir Path tmp;

  private Berth.Result berth(Path conf, String store, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Berth.jar().toString());
    cmd.addAll(List.of(args));
    return Berth.exec(
        cmd,
        Map.of(
            "BERTH_ROOT", tmp.resolve(store).toString(),
            "DOCKER_CONFIG", tmp.resolve("docker").toString(),
            "CONTAINERS_REGISTRIES_CONF", conf.toString()));
  }

  @Test
  void mirrorsSearchRegistriesAndBlockedRegistries() throws Exception {
    Path rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("etc/motd"), "from the mirror\n");
    Path none = tmp.resolve("none.conf");
    String mainHost;
    try (LocalRegistry main = LocalRegistry.start(tmp.resolve("main"), "")) {
      mainHost = main.host();
    }
    // The main registry is stopped now: only the mirror can answer.
    try (LocalRegistry mirror = LocalRegistry.start(tmp.resolve("mirror"), "")) {
      String image = mirror.host() + "/berth/img:1";
      berth(none, "publisher", "import", rootfs.toString(), image).ok();
      berth(none, "publisher", "push", image).ok();
      String blockedHost = "127.0.0.1:1";
      Path conf = tmp.resolve("registries.conf");
      Files.writeString(
          conf,
          "unqualified-search-registries = [\""
              + blockedHost
              + "\", \""
              + mirror.host()
              + "\"]\n\n"
              + "[[registry]]\nlocation = \""
              + mainHost
              + "\"\n\n[[registry.mirror]]\nlocation = \""
              + mirror.host()
              + "\"\ninsecure = true\n\n"
              + "[[registry]]\nlocation = \""
              + blockedHost
              + "\"\nblocked = true\n");

      // Without the mirror the pull cannot work.
      Berth.Result direct = berth(none, "direct", "pull", mainHost + "/berth/img:1");
      assertThat(direct.exitCode()).isEqualTo(1);
      assertThat(direct.err()).contains("cannot reach http://" + mainHost);

      Berth.Result viaMirror = berth(conf, "consumer", "pull", mainHost + "/berth/img:1").ok();
      assertThat(viaMirror.out()).contains(mainHost + "/berth/img:1");
      assertThat(viaMirror.err()).contains("through mirror " + mirror.host() + "/berth/img");
      // The image keeps the name the user asked for, as podman's does.
      assertThat(
              berth(conf, "consumer", "images", "--format", "{{.Repository}}:{{.Tag}}").ok().out())
          .contains(mainHost + "/berth/img:1");

      // A short name: the blocked search registry is refused, the next one has it.
      Berth.Result shortName = berth(conf, "short", "pull", "berth/img:1").ok();
      assertThat(shortName.err())
          .contains("Resolving \"berth/img\" using unqualified-search registries (" + conf)
          .contains("Trying to pull " + blockedHost + "/berth/img:1")
          .contains("Trying to pull " + mirror.host() + "/berth/img:1");
      assertThat(shortName.out()).contains(mirror.host() + "/berth/img:1");
      // ... and the short name finds what it was pulled as.
      assertThat(berth(conf, "short", "inspect", "--format", "{{.Id}}", "berth/img:1").ok().out())
          .startsWith("sha256:");

      // FROM goes the same way, in a store that has nothing yet.
      Leaks before = Leaks.of(tmp.resolve("builder"));
      Path ctx = Files.createDirectories(tmp.resolve("ctx"));
      Files.writeString(ctx.resolve("Dockerfile"), "FROM berth/img:1\nLABEL via=search\n");
      berth(conf, "builder", "build", "-t", "built:1", ctx.toString()).ok();
      Files.writeString(
          ctx.resolve("Dockerfile"), "FROM " + mainHost + "/berth/img:1\nLABEL via=mirror\n");
      berth(conf, "builder", "build", "-t", "built:2", ctx.toString()).ok();
      assertThat(
              berth(conf, "builder", "inspect", "--format", "{{.Config.Labels.via}}", "built:2")
                  .ok()
                  .out()
                  .strip())
          .isEqualTo("mirror");
      Leaks.awaitQuiet(tmp.resolve("builder"));
      assertThat(Leaks.of(tmp.resolve("builder"))).isEqualTo(before);

      // A blocked registry: refused before anything is sent, exit 2, with the file named.
      Berth.Result blocked = berth(conf, "consumer", "pull", blockedHost + "/berth/img:1");
      assertThat(blocked.exitCode()).isEqualTo(2);
      assertThat(blocked.err()).contains("registry " + blockedHost + " is blocked in " + conf);

      // A broken registries.conf is bad input with its file and line.
      Path bad = tmp.resolve("bad.conf");
      Files.writeString(bad, "unqualified-search-registries = [\"a\"\n[[registry]]\n");
      Berth.Result broken = berth(bad, "consumer", "pull", "berth/img:1");
      assertThat(broken.exitCode()).isEqualTo(2);
      assertThat(broken.err()).contains(bad + ":").contains("not valid TOML");
    }
  }
}
