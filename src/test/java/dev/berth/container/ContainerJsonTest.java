package dev.berth.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.runtime.Capabilities;
import dev.berth.runtime.DeviceNode;
import dev.berth.runtime.Security;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerJsonTest {

  private static ContainerSpec spec(Security security) {
    Digest d = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
    return new ContainerSpec(
        "a".repeat(64),
        "web",
        Instant.parse("2026-01-01T00:00:00Z"),
        "app:1",
        d,
        new Descriptor(MediaType.OCI_MANIFEST, d, 1),
        List.of(),
        List.of(),
        List.of("true"),
        List.of(),
        "/",
        "",
        "web",
        Map.of(),
        false,
        false,
        List.of(),
        new NetworkMode.None(),
        List.of(),
        false,
        "SIGTERM",
        10,
        false,
        "overlay",
        Optional.empty(),
        security);
  }

  @Test
  void capabilitiesDevicesAndPrivilegedAreKept() throws Exception {
    Security s =
        new Security(
            true,
            List.of("CAP_CHOWN", "CAP_NET_ADMIN"),
            List.of(new DeviceNode("/dev/mynull", 'c', 1, 3, 0666, 0, 5, "rw")));
    ContainerSpec read =
        ContainerJson.readSpec(ContainerJson.write(spec(s)), Path.of("config.json"));
    assertThat(read.security()).isEqualTo(s);
    assertThat(read).isEqualTo(spec(s));
  }

  @Test
  void aContainerMadeBeforeSecurityWasKeptHasDockersDefaults() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode n = (ObjectNode) json.readTree(ContainerJson.write(spec(Security.DEFAULT)));
    n.remove("security");
    ContainerSpec read = ContainerJson.readSpec(json.writeValueAsBytes(n), Path.of("config.json"));
    assertThat(read.security()).isEqualTo(Security.DEFAULT);
    assertThat(read.security().capabilities()).isEqualTo(Capabilities.DEFAULT);
  }

  @Test
  void addedHostsLimitsAndShmSizeAreKeptAndOlderRecordsHaveNone() throws Exception {
    ContainerSpec plain = spec(Security.DEFAULT);
    dev.berth.runtime.ProcessExtras extras =
        new dev.berth.runtime.ProcessExtras(
            List.of(new dev.berth.runtime.ProcessExtras.HostEntry("gw", "host-gateway")),
            List.of(new dev.berth.runtime.ProcessExtras.Rlimit("RLIMIT_NOFILE", 256, -1)),
            java.util.OptionalLong.of(1L << 25));
    ContainerSpec with =
        new ContainerSpec(
            plain.id(),
            plain.name(),
            plain.created(),
            plain.image(),
            plain.imageId(),
            plain.manifest(),
            plain.layers(),
            plain.diffIds(),
            plain.args(),
            plain.env(),
            plain.workdir(),
            plain.user(),
            plain.hostname(),
            plain.labels(),
            plain.tty(),
            plain.interactive(),
            plain.mounts(),
            plain.network(),
            plain.ports(),
            plain.init(),
            plain.stopSignal(),
            plain.stopTimeout(),
            plain.autoRemove(),
            plain.snapshotter(),
            plain.keepId(),
            plain.security(),
            extras);
    assertThat(ContainerJson.readSpec(ContainerJson.write(with), Path.of("config.json")))
        .isEqualTo(with);
    assertThat(new String(ContainerJson.write(plain), StandardCharsets.UTF_8))
        .doesNotContain("extras");
    assertThat(ContainerJson.readSpec(ContainerJson.write(plain), Path.of("config.json")).extras())
        .isEqualTo(dev.berth.runtime.ProcessExtras.NONE);
  }
}
