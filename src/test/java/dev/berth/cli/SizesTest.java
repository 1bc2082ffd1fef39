package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {

  @Test
  void printsAsDockersHumanSize() {
    assertThat(Sizes.human(1982263)).isEqualTo("1.98MB");
    assertThat(Sizes.human(1982263, 4)).isEqualTo("1.982MB");
    assertThat(Sizes.human(1500)).isEqualTo("1.5kB");
    assertThat(Sizes.human(1000)).isEqualTo("1kB");
    assertThat(Sizes.human(999)).isEqualTo("999B");
    assertThat(Sizes.human(0)).isEqualTo("0B");
    assertThat(Sizes.human(123_456_789)).isEqualTo("123MB");
    // Go's %.3g of 999.95 rounds to 1e+03: docker prints that too.
    assertThat(Sizes.human(999_950)).isEqualTo("1e+03kB");
  }
}
