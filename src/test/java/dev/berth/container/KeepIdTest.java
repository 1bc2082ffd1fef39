package dev.berth.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.IdMapping;
import org.junit.jupiter.api.Test;

class KeepIdTest {

  private final KeepId keep = new KeepId(1234, 1300, "somenergia");

  @Test
  void theHostUserIsBerthsRootAndTheIdsBelowItShiftUpByOne() {
    assertThat(keep.uidMappings())
        .containsExactly(
            new IdMapping(0, 1, 1234), new IdMapping(1234, 0, 1), new IdMapping(1235, 1235, 64301));
    assertThat(keep.gidMappings())
        .containsExactly(
            new IdMapping(0, 1, 1300), new IdMapping(1300, 0, 1), new IdMapping(1301, 1301, 64235));
  }

  @Test
  void storedIdsFollowTheMapBackwards() {
    assertThat(keep.storedUid(1234)).isZero();
    assertThat(keep.storedUid(0)).isEqualTo(1);
    assertThat(keep.storedUid(1000)).isEqualTo(1001);
    assertThat(keep.storedUid(1233)).isEqualTo(1234);
    assertThat(keep.storedUid(1235)).isEqualTo(1235);
    assertThat(keep.storedGid(1300)).isZero();
  }

  @Test
  void theImageUserAndTheHostUserSwapIds() {
    assertThat(KeepId.swap(1000, 1000, 1234)).isEqualTo(1234);
    assertThat(KeepId.swap(1234, 1000, 1234)).isEqualTo(1000);
    assertThat(KeepId.swap(5, 1000, 1234)).isEqualTo(5);
  }

  @Test
  void rootOrNoUserIsNotRenamed() {
    assertThat(keep.renamesImageUser()).isTrue();
    assertThat(new KeepId(1234, 1234, "").renamesImageUser()).isFalse();
    assertThat(new KeepId(1234, 1234, "root").renamesImageUser()).isFalse();
    assertThat(new KeepId(1234, 1234, "0:0").renamesImageUser()).isFalse();
  }

  @Test
  void hostIdsOutsideTheNamespacesRangeAreRefused() {
    assertThatThrownBy(() -> new KeepId(70000, 1000, "u"))
        .hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> new KeepId(0, 0, "u")).isInstanceOf(IllegalArgumentException.class);
  }
}
