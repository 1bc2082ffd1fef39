package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.syntax.DockerfileParser;
import dev.berth.image.Platform;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hostile Dockerfiles that used to exhaust the JVM (OutOfMemoryError, StackOverflowError) are
 * positioned errors naming the limit they passed.
 */
class PlanLimitsTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64", "");

  private static BerthException refused(String text) {
    BerthException e =
        catchThrowableOfType(
            () ->
                Planner.plan(
                    DockerfileReader.parse("Dockerfile", text),
                    new PlanOptions(Optional.empty(), Map.of(), AMD64, AMD64),
                    BaseImageConfigs.none()),
            BerthException.class);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage().length()).as("message length").isLessThan(1000);
    return e;
  }

  @Test
  void argsThatDoubleThemselvesStopAtTheWordLimitOnTheLineThatPassesIt() {
    // x doubled 22 times is 4 Mi characters, the limit; the 23rd doubling (line 25) passes it.
    String df = "FROM busybox\nARG A=x\n" + "ARG A=${A}${A}\n".repeat(300) + "RUN echo $A\n";
    BerthException e = refused(df);
    assertThat(e.first().range().file()).isEqualTo("Dockerfile");
    assertThat(e.first().range().startLine()).isEqualTo(25);
    assertThat(e.first().message())
        .contains("ARG: cannot expand '${A}${A}'")
        .contains("the expansion is longer than 4 Mi characters (berth's limit for one word)");
  }

  @Test
  void envThatDoublesItselfToo() {
    String df = "FROM busybox\nENV A=x\n" + "ENV A=$A$A\n".repeat(300);
    assertThat(refused(df).first().message()).contains("ENV: cannot expand");
  }

  @Test
  void manyCopiesOfALargeValueStopAtTheTotalLimit() {
    StringBuilder df = new StringBuilder("FROM busybox\nARG A=x\n");
    df.append("ARG A=$A$A\n".repeat(21)); // 2 Mi characters
    for (int i = 0; i < 100; i++) {
      df.append("ARG B").append(i).append("=$A\n");
    }
    BerthException e = refused(df.toString());
    assertThat(e.first().message()).contains("produce more than 64 Mi characters in all");
    assertThat(e.first().range().startLine()).isBetween(24, 23 + 100);
  }

  @Test
  void deeplyNestedDefaultsAreAnErrorNotAStackOverflow() {
    // Nested over continuation lines, so no physical line passes the 64 KiB line limit.
    String df =
        "FROM busybox\nARG X=" + "${a:-\\\n".repeat(20_000) + "z" + "}".repeat(20_000) + "\n";
    BerthException e = refused(df);
    assertThat(e.first().message()).contains("more than 64 nested ${...} expansions");
    assertThat(e.first().range().startLine()).isEqualTo(2);
  }

  @Test
  void aDockerfileOverTheSizeLimitIsRefusedAtTheLineThatPassesIt() throws Exception {
    String line = "# " + "c".repeat(1021) + "\n"; // 1 KiB
    String text = "FROM busybox\n" + line.repeat(16 * 1024);
    BerthException e =
        catchThrowableOfType(
            () -> DockerfileReader.parse("Dockerfile", text), BerthException.class);
    assertThat(e.first().message())
        .isEqualTo(
            "the Dockerfile is larger than 16 MiB, the most berth reads (the limit is passed on"
                + " this line)");
    assertThat(e.first().range().startLine()).isEqualTo(16 * 1024 + 1);
  }

  @Test
  void anEndlessInputIsReadOnlyUpToTheLimit() {
    InputStream zeros =
        new InputStream() {
          long served;

          @Override
          public int read() {
            served++;
            if (served > 64L * 1024 * 1024) {
              throw new AssertionError("read far past the limit");
            }
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            served += len;
            if (served > 64L * 1024 * 1024) {
              throw new AssertionError("read far past the limit");
            }
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            return len;
          }
        };
    BerthException e =
        catchThrowableOfType(
            () -> DockerfileParser.readBounded(zeros, "/dev/zero"), BerthException.class);
    assertThat(e.first().message()).contains("larger than 16 MiB");
    assertThat(e.first().range().file()).isEqualTo("/dev/zero");
  }

  @Test
  void aDockerfileJustUnderTheLimitIsRead() throws Exception {
    byte[] bytes = new byte[DockerfileParser.MAX_FILE_BYTES];
    assertThat(DockerfileParser.readBounded(new ByteArrayInputStream(bytes), "f"))
        .hasSize(bytes.length);
  }
}
