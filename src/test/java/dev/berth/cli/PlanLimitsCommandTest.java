package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dockerfiles past berth's size limits end `berth plan` with exit 2 and a positioned error. */
class PlanLimitsCommandTest {

  @TempDir Path dir;

  private static void assertPositioned(CliRun r, String location, String limit) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith(location).contains(limit).doesNotContain("Exception");
    assertThat(r.err().length()).as("error length").isLessThan(1500);
  }

  @Test
  void aDockerfileThatIsDevZero() {
    CliRun r = CliRun.of("plan", "-f", "/dev/zero", dir.toString());
    assertPositioned(r, "/dev/zero:1:1: error: ", "larger than 16 MiB");
  }

  @Test
  void argsThatDoubleThemselves() throws Exception {
    Path df = dir.resolve("Dockerfile");
    Files.writeString(df, "FROM busybox\nARG A=x\n" + "ARG A=$A$A\n".repeat(200));
    CliRun r = CliRun.of("plan", dir.toString());
    assertPositioned(r, df + ":25:1: error: ", "longer than 4 Mi characters");
  }

  @Test
  void aLongLineIsShownAsTheStretchAroundTheError() throws Exception {
    Path df = dir.resolve("Dockerfile");
    Files.writeString(df, "FROM busybox\nRUN echo " + "a".repeat(70_000) + "\n");
    CliRun r = CliRun.of("plan", dir.toString());
    assertPositioned(r, df + ":2:1: error: ", "dockerfile line greater than max allowed size");
    assertThat(r.err()).contains("…");
  }
}
