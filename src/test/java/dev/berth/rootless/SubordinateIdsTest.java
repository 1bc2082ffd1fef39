package dev.berth.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubordinateIdsTest {

  private static final String FILE =
      """
      alice:100000:65536
      # a comment is no range
      bob:165536:65536
      1234:231072:1000
      alice:300000:10
      broken line
      carol:x:65536
      dave:5:0
      """;

  @Test
  void rangesAreFoundByNameOrByNumericIdInFileOrder() {
    assertThat(SubordinateIds.of(FILE, "alice", 1000))
        .containsExactly(
            new SubordinateIds.Range(100000, 65536), new SubordinateIds.Range(300000, 10));
    assertThat(SubordinateIds.of(FILE, "someone", 1234))
        .containsExactly(new SubordinateIds.Range(231072, 1000));
  }

  @Test
  void linesWithoutTheShapeOfARangeAreSkippedAsNewuidmapSkipsThem() {
    assertThat(SubordinateIds.of(FILE, "carol", 1)).isEmpty();
    assertThat(SubordinateIds.of(FILE, "dave", 2)).isEmpty();
    assertThat(SubordinateIds.of("", "alice", 1000)).isEmpty();
  }

  @Test
  void totalAddsTheRanges() {
    assertThat(SubordinateIds.total(SubordinateIds.of(FILE, "alice", 1000))).isEqualTo(65546);
    assertThat(SubordinateIds.total(List.of())).isZero();
  }
}
