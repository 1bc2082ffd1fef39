package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.SystemInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

  @TempDir Path tmp;

  private static SystemInfo sample(Optional<SystemInfo.Rootless> rootless) {
    return new SystemInfo(
        "/var/lib/berth",
        new SystemInfo.Snapshotter("overlay", "an overlay mount in the store works"),
        new SystemInfo.Component("crun", Optional.of("/usr/bin/crun"), Optional.of("1.8.1")),
        2,
        "6.1.0",
        "Debian GNU/Linux 12 (bookworm)",
        "amd64",
        2,
        8L << 30,
        List.of(
            new SystemInfo.Component(
                "conmon", Optional.of("/usr/bin/conmon"), Optional.of("2.1.6")),
            new SystemInfo.Component("slirp4netns", Optional.empty(), Optional.empty())),
        Optional.of("/usr/lib/cni"),
        rootless,
        new SystemInfo.Registries(
            List.of("127.0.0.1:5000", "docker.io"),
            List.of("docker.io -> mirror.local"),
            List.of("127.0.0.1:5001"),
            List.of("blocked.example"),
            List.of("/etc/containers/registries.conf")));
  }

  @Test
  void textListsTheRegistriesAsDockerInfoDoes() {
    assertThat(InfoCommand.text(sample(Optional.empty()), "1.0"))
        .contains("Search Registries: 127.0.0.1:5000, docker.io\n")
        .contains("Registry Mirrors:\n docker.io -> mirror.local\n")
        .contains("Insecure Registries:\n 127.0.0.1:5001\n")
        .contains("Blocked Registries:\n blocked.example\n")
        .contains("Registries Files:\n /etc/containers/registries.conf\n");
    assertThat(
            InfoCommand.json(sample(Optional.empty()), "1.0")
                .get("RegistryConfig")
                .get("SearchRegistries")
                .toString())
        .isEqualTo("[\"127.0.0.1:5000\",\"docker.io\"]");
  }

  @Test
  void textReadsLikeDockerInfo() {
    String text = InfoCommand.text(sample(Optional.empty()), "1.0");
    assertThat(text)
        .contains("Store: /var/lib/berth\n")
        .contains("Snapshotter: overlay (an overlay mount in the store works)\n")
        .contains("Runtime: crun 1.8.1 (/usr/bin/crun)\n")
        .contains("Cgroup Version: 2\n")
        .contains("Rootless: false\n")
        .contains(" conmon: 2.1.6 (/usr/bin/conmon)\n")
        .contains(" slirp4netns: not installed\n")
        .contains(" CNI plugins: /usr/lib/cni\n")
        .contains("Total Memory: 8GiB\n");
  }

  @Test
  void rootlessTextNamesRangesHolderAndWhatIsMissing() {
    SystemInfo.Rootless r =
        new SystemInfo.Rootless(
            "dev",
            1000,
            1000,
            List.of("100000-165535 (65536)"),
            List.of(),
            Optional.empty(),
            List.of("newuidmap is not installed: apt-get install uidmap"));
    String text = InfoCommand.text(sample(Optional.of(r)), "1.0");
    assertThat(text)
        .contains("Rootless: true\n User: dev (uid 1000, gid 1000)\n")
        .contains(" Subordinate UIDs: 100000-165535 (65536)\n")
        .contains(" Subordinate GIDs: none\n")
        .contains(" Holder: not running\n")
        .contains(" Missing:\n  newuidmap is not installed: apt-get install uidmap\n");
    JsonNode json = InfoCommand.json(sample(Optional.of(r)), "1.0");
    assertThat(json.get("Rootless").asBoolean()).isTrue();
    assertThat(json.get("RootlessInfo").get("HolderRunning").asBoolean()).isFalse();
    assertThat(json.get("RootlessInfo").get("SubUIDs").get(0).asText())
        .isEqualTo("100000-165535 (65536)");
  }

  @Test
  void theCommandPrintsJsonAndTemplatesForTheStoreItIsGiven() throws Exception {
    Path root = tmp.resolve("no-store-yet");
    CliRun json = CliRun.of("info", "--root", root.toString(), "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(json.out());
    assertThat(o.get("StoreRoot").asText()).isEqualTo(root.toString());
    assertThat(o.get("Runtime").get("Name").asText()).isNotEmpty();
    assertThat(o.get("CgroupVersion").asInt()).isBetween(1, 2);
    assertThat(o.get("Components")).hasSize(3);
    // info must not make the store it reports on.
    assertThat(root).doesNotExist();

    CliRun t = CliRun.of("info", "--root", root.toString(), "--format", "{{.StoreRoot}}|{{.NCPU}}");
    assertThat(t.out()).isEqualTo(root + "|" + Runtime.getRuntime().availableProcessors() + "\n");

    CliRun text = CliRun.of("info", "--root", root.toString());
    assertThat(text.out()).contains("Store: " + root + "\n").contains("Runtime: ");

    CliRun bad = CliRun.of("info", "--root", root.toString(), "--format", "{{.Nope}}");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("map has no entry for key \"Nope\"");
  }
}
