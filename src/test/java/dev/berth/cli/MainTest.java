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

  @Test
  void aCommandLineForOneCommandHoldsOnlyThatCommand() {
    assertThat(BerthCommand.commandsFor(new String[] {"images", "-q"}))
        .containsExactly(ImagesCommand.class);
    assertThat(BerthCommand.commandsFor(new String[] {"compose", "up"}))
        .containsExactly(ComposeCommand.class);
    assertThat(BerthCommand.commandsFor(new String[] {"--version"})).isEmpty();
    assertThat(BerthCommand.commandsFor(new String[] {"--help"})).isEqualTo(BerthCommand.COMMANDS);
    assertThat(BerthCommand.commandsFor(new String[] {"imags"})).isEqualTo(BerthCommand.COMMANDS);
    assertThat(BerthCommand.commandsFor(new String[0])).isEqualTo(BerthCommand.COMMANDS);
  }

  @Test
  void aCommandRunThroughItsOwnCommandLineBehavesAsInTheFullOne() {
    CliRun r = CliRun.of("images", "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option").contains("berth images --help");
    assertThat(CliRun.of("completion", "bash").out()).contains("build").contains("compose");
  }
}
