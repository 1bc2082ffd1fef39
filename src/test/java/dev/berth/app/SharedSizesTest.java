package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedSizesTest {

  @Test
  void aSharedPartCountsOnceInTheTotalAndAsSharedInEachItem() {
    SharedSizes.Result r =
        SharedSizes.of(
            List.of(
                new SharedSizes.Item("a", Map.of("base", 100L, "a-top", 10L), false),
                new SharedSizes.Item("b", Map.of("base", 100L, "b-top", 20L), false),
                new SharedSizes.Item("c", Map.of("c-only", 5L), false)));
    assertThat(r.items())
        .containsExactly(
            new SharedSizes.Sized("a", 110, 100),
            new SharedSizes.Sized("b", 120, 100),
            new SharedSizes.Sized("c", 5, 0));
    assertThat(r.total()).isEqualTo(135);
    assertThat(r.reclaimable()).isEqualTo(135);
  }

  @Test
  void whatAnActiveItemHoldsIsNotReclaimableEvenWhereAnotherShares() {
    SharedSizes.Result r =
        SharedSizes.of(
            List.of(
                new SharedSizes.Item("used", Map.of("base", 100L, "u", 1L), true),
                new SharedSizes.Item("idle", Map.of("base", 100L, "i", 7L), false)));
    assertThat(r.total()).isEqualTo(108);
    assertThat(r.reclaimable()).isEqualTo(7);
  }

  @Test
  void nothingIsNothing() {
    SharedSizes.Result r = SharedSizes.of(List.of());
    assertThat(r.total()).isZero();
    assertThat(r.reclaimable()).isZero();
  }
}
