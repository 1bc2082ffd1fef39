package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabWriterTest {

  @Test
  void columnsAreTheWidestCellPlusThreeAndAtLeastTen() {
    assertThat(TabWriter.align("REPOSITORY\tTAG\nuxfmt\t1\n"))
        .isEqualTo("REPOSITORY   TAG\nuxfmt        1\n");
    assertThat(TabWriter.align("A\tB\tC\nlonger-cell\tx\ty\n"))
        .isEqualTo("A             B         C\nlonger-cell   x         y\n");
  }

  @Test
  void theTextAfterTheLastTabIsNotPadded() {
    assertThat(TabWriter.align("a\tb   \n")).isEqualTo("a         b   \n");
  }

  @Test
  void aLineWithFewerCellsEndsTheBlock() {
    // The third line has no tab: the lines after it start a new block with their own width.
    assertThat(TabWriter.align("a\tb\nwide-cell-x\tc\nplain\nq\tr\n"))
        .isEqualTo("a             b\nwide-cell-x   c\nplain\nq         r\n");
  }

  @Test
  void textWithoutTabsOrTrailingNewlineIsKept() {
    assertThat(TabWriter.align("one\ntwo")).isEqualTo("one\ntwo");
    assertThat(TabWriter.align("")).isEmpty();
  }
}
