package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpListsOnlyWorkingCommands() {
    CliRun r = CliRun.of("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("plan").contains("debug");
  }

  @Test
  void versionIsPrinted() {
    CliRun r = CliRun.of("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("berth ");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = CliRun.of("--frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option").contains("--help");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun r = CliRun.of("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
  }
}
