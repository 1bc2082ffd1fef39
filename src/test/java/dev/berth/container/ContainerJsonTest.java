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
}
