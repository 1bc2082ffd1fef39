package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.rootless.RootlessLauncher.Entry;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RootlessEntriesTest {

  @ParameterizedTest(name = "berth {0} -> {1}")
  @CsvSource({
    "build -t x .,TRANSIENT",
    "pull busybox,TRANSIENT",
    "images,TRANSIENT",
    "save -o x.tar img,TRANSIENT",
    "compose build,TRANSIENT",
    "compose -f c.yaml -p proj build app,TRANSIENT",
    "dev build,TRANSIENT",
    "run --rm img true,HOLDER",
    "run -d -p 8080:80 img,HOLDER",
    "start web,HOLDER",
    "compose up -d,HOLDER",
    "compose -f c.yaml up,HOLDER",
    "dev up,HOLDER",
    "ps -a,HOLDER_IF_RUNNING",
    "rm -f web,HOLDER_IF_RUNNING",
    "exec web true,HOLDER_IF_RUNNING",
    "compose down,HOLDER_IF_RUNNING",
    "dev exec true,HOLDER_IF_RUNNING",
    "network ls,HOLDER_IF_RUNNING",
    "system prune -f,HOLDER_IF_RUNNING"
  })
  void commandsRunInTheNamespaceTheirWorkNeeds(String line, Entry expected) {
    assertThat(RootlessEntries.of(line.split(" "))).contains(expected);
  }

  @ParameterizedTest(name = "berth {0} runs as it is")
  @CsvSource({
    "check",
    "plan .",
    "--version",
    "--help",
    "build --help",
    "compose config",
    "debug parse"
  })
  void commandsThatReadOnlyTheUsersFilesNeedNoNamespace(String line) {
    assertThat(RootlessEntries.of(line.split(" "))).isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "berth {0} is left to the command line to refuse")
  @CsvSource({"nosuchcommand", "run --no-such-flag img"})
  void whatDoesNotParseIsReportedByTheCommandLineItself(String line) {
    assertThat(RootlessEntries.of(line.split(" "))).isEqualTo(Optional.empty());
  }
}
