package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreRootTest {

  @Test
  void resolve_berthRootWinsEvenForRoot() {
    assertThat(StoreRoot.resolve(Map.of("BERTH_ROOT", "/srv/b", "HOME", "/root"), 0))
        .isEqualTo(Path.of("/srv/b"));
  }

  @Test
  void resolve_rootUsesVarLib() {
    assertThat(StoreRoot.resolve(Map.of("HOME", "/root", "XDG_DATA_HOME", "/x"), 0))
        .isEqualTo(Path.of("/var/lib/berth"));
  }

  @Test
  void resolve_userWithXdgDataHome() {
    assertThat(StoreRoot.resolve(Map.of("HOME", "/home/a", "XDG_DATA_HOME", "/data/a"), 1000))
        .isEqualTo(Path.of("/data/a/berth"));
  }

  @Test
  void resolve_userFallsBackToLocalShare() {
    assertThat(StoreRoot.resolve(Map.of("HOME", "/home/a"), 1000))
        .isEqualTo(Path.of("/home/a/.local/share/berth"));
  }

  @Test
  void resolve_relativeXdgIsIgnored_emptyBerthRootIsIgnored() {
    assertThat(
            StoreRoot.resolve(
                Map.of("HOME", "/home/a", "XDG_DATA_HOME", "rel", "BERTH_ROOT", ""), 1000))
        .isEqualTo(Path.of("/home/a/.local/share/berth"));
  }

  @Test
  void resolve_noVariables_fails() {
    assertThatThrownBy(() -> StoreRoot.resolve(Map.of(), 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BERTH_ROOT");
  }
}
