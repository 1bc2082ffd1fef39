package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.diag.BerthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {

  private static List<String> blocked(SeccompProfile p) {
    List<String> out = new ArrayList<>();
    p.syscalls().stream().filter(r -> r.args().isEmpty()).forEach(r -> out.addAll(r.names()));
    return out;
  }

  @Test
  void theDefaultBlocksDockersListedCallsAndCloneNamespaceFlags() {
    SeccompProfile p = DefaultSeccomp.forCapabilities(Capabilities.DEFAULT);
    JsonNode oci = p.toOci();
    assertThat(oci.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
    assertThat(blocked(p))
        .contains("keyctl", "add_key", "mount", "unshare", "setns", "bpf")
        .contains("settimeofday", "process_vm_readv", "init_module", "reboot", "clone3")
        .doesNotContain("ptrace", "personality", "read");
    long cloneRules = p.syscalls().stream().filter(r -> r.names().equals(List.of("clone"))).count();
    assertThat(cloneRules).isEqualTo(7);
    assertThat(SeccompProfile.fromOci(oci)).isEqualTo(p);
  }

  @Test
  void capabilitiesOpenTheCallsDockerGatesOnThem() {
    List<String> caps = new ArrayList<>(Capabilities.DEFAULT);
    caps.add("CAP_SYS_ADMIN");
    caps.add("CAP_SYS_TIME");
    SeccompProfile p = DefaultSeccomp.forCapabilities(caps);
    assertThat(blocked(p)).doesNotContain("mount", "unshare", "settimeofday", "clone3");
    assertThat(blocked(p)).contains("keyctl", "process_vm_readv");
    assertThat(p.syscalls()).noneMatch(r -> r.names().contains("clone"));
  }

  @Test
  void aDockerProfileIsResolvedForTheContainersCapabilities() throws Exception {
    String json =
        """
        {"defaultAction": "SCMP_ACT_ALLOW",
         "syscalls": [
           {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
           {"name": "chown", "action": "SCMP_ACT_ERRNO", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
           {"name": "chmod", "action": "SCMP_ACT_ERRNO", "excludes": {"caps": ["CAP_CHOWN"]}},
           {"name": "umask", "action": "SCMP_ACT_ERRNO", "includes": {"minKernel": "99.0"}}
         ]}
        """;
    SeccompProfile p =
        DockerSeccompJson.parse(json.getBytes(StandardCharsets.UTF_8), "p.json")
            .resolve(Capabilities.DEFAULT, "6.1.0-18-amd64");
    assertThat(p.defaultAction()).isEqualTo("SCMP_ACT_ALLOW");
    assertThat(p.syscalls()).hasSize(1);
    assertThat(p.syscalls().get(0).names()).containsExactly("mkdir", "mkdirat");
    assertThat(p.syscalls().get(0).errnoRet()).contains(1);
  }

  @Test
  void badJsonAndUnknownActionsNameTheFileAndLine() {
    assertThatThrownBy(
            () -> DockerSeccompJson.parse("{\n  \"defaultAction\": ,\n}".getBytes(), "p.json"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("p.json:2");
    assertThatThrownBy(
            () ->
                DockerSeccompJson.parse(
                    "{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n \"syscalls\": [{\"name\": \"x\",\n \"action\": \"SCMP_ACT_NOPE\"}]}"
                        .getBytes(),
                    "p.json"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("p.json:3")
        .hasMessageContaining("SCMP_ACT_NOPE");
  }
}
