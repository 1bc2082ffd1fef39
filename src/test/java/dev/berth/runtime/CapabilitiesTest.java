package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void theDefaultIsDockersFourteen() throws Exception {
    assertThat(Capabilities.resolve(List.of(), List.of(), false))
        .containsExactlyInAnyOrder(
            "CAP_CHOWN",
            "CAP_DAC_OVERRIDE",
            "CAP_FSETID",
            "CAP_FOWNER",
            "CAP_MKNOD",
            "CAP_NET_RAW",
            "CAP_SETGID",
            "CAP_SETUID",
            "CAP_SETFCAP",
            "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT",
            "CAP_KILL",
            "CAP_AUDIT_WRITE")
        .doesNotContain("CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_SYS_PTRACE");
  }

  @Test
  void namesAreTakenWithOrWithoutThePrefixInAnyCase() throws Exception {
    assertThat(Capabilities.normalize("net_admin")).isEqualTo("CAP_NET_ADMIN");
    assertThat(Capabilities.normalize("CAP_SYS_PTRACE")).isEqualTo("CAP_SYS_PTRACE");
    assertThat(Capabilities.normalize("all")).isEqualTo("ALL");
  }

  @Test
  void anUnknownNameIsInvalidInputNamingIt() {
    assertThatThrownBy(() -> Capabilities.resolve(List.of("NET_ADMIM"), List.of(), false))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("NET_ADMIM")
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void addAndDropChangeTheDefault() throws Exception {
    List<String> caps =
        Capabilities.resolve(List.of("NET_ADMIN"), List.of("chown", "MKNOD"), false);
    assertThat(caps).contains("CAP_NET_ADMIN", "CAP_KILL").doesNotContain("CAP_CHOWN", "CAP_MKNOD");
  }

  @Test
  void dropAllLeavesOnlyWhatIsAdded() throws Exception {
    assertThat(Capabilities.resolve(List.of(), List.of("ALL"), false)).isEmpty();
    assertThat(Capabilities.resolve(List.of("CHOWN"), List.of("ALL"), false))
        .containsExactly("CAP_CHOWN");
  }

  @Test
  void addAllAndPrivilegedGiveEveryCapabilityBerthHolds() throws Exception {
    List<String> held = Capabilities.held();
    assertThat(Capabilities.resolve(List.of(), List.of(), true)).isEqualTo(held);
    assertThat(Capabilities.resolve(List.of("ALL"), List.of("NET_RAW"), false))
        .containsExactlyElementsOf(held.stream().filter(c -> !c.equals("CAP_NET_RAW")).toList());
  }

  @Test
  void aMaskNamesTheCapabilitiesByBit() {
    assertThat(Capabilities.fromMask(0b1)).containsExactly("CAP_CHOWN");
    assertThat(Capabilities.fromMask(1L << 21 | 1L << 27))
        .containsExactly("CAP_SYS_ADMIN", "CAP_MKNOD");
    assertThat(Capabilities.fromMask(1L << 40)).containsExactly("CAP_CHECKPOINT_RESTORE");
  }
}
