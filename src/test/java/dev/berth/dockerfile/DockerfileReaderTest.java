package dev.berth.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.dockerfile.CommandForm.ExecForm;
import dev.berth.dockerfile.CommandForm.ShellForm;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerfileReaderTest {

  private static Dockerfile read(String text) throws BerthException {
    return DockerfileReader.parse("Dockerfile", text);
  }

  private static Instruction only(String instruction) throws BerthException {
    Dockerfile df = read("FROM busybox\n" + instruction + "\n");
    return df.stages().get(0).instructions().get(0);
  }

  private static BerthException failure(String text) {
    return (BerthException) org.assertj.core.api.Assertions.catchThrowable(() -> read(text));
  }

  @Test
  void stagesGroupInstructionsAndKeepGlobalArgs() throws Exception {
    Dockerfile df =
        read("ARG BASE=busybox\nFROM $BASE AS One\nRUN true\nFROM one\nCOPY --from=one /a /b\n");
    assertThat(df.globalArgs()).hasSize(1);
    assertThat(df.stages()).hasSize(2);
    assertThat(df.stages().get(0).name()).contains("one");
    assertThat(df.stages().get(0).instructions()).singleElement().isInstanceOf(Run.class);
    assertThat(df.stage("ONE")).isPresent();
  }

  @Test
  void shellAndExecForms() throws Exception {
    assertThat(((Run) only("RUN echo hi")).command()).isEqualTo(new ShellForm("echo hi"));
    assertThat(((Cmd) only("CMD [\"a\", \"b c\"]")).command())
        .isEqualTo(new ExecForm(List.of("a", "b c")));
    assertThat(((Entrypoint) only("ENTRYPOINT [\"python\"]")).command().display())
        .isEqualTo("[\"python\"]");
  }

  @Test
  void copyFlagsAreTyped() throws Exception {
    Copy c =
        (Copy)
            only("COPY --from=build --chown=app:app --chmod=0755 --link --exclude=*.pyc a b /dst/");
    assertThat(c.sources()).containsExactly("a", "b");
    assertThat(c.destination()).isEqualTo("/dst/");
    assertThat(c.from()).contains("build");
    assertThat(c.chown()).contains("app:app");
    assertThat(c.chmod()).contains("0755");
    assertThat(c.link()).isTrue();
    assertThat(c.excludes()).containsExactly("*.pyc");
  }

  @Test
  void envBothForms() throws Exception {
    assertThat(((Env) only("ENV A=1 B=\"two words\"")).pairs())
        .containsExactly(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""));
    assertThat(((Env) only("ENV A one two")).pairs()).containsExactly(new KeyValue("A", "one two"));
  }

  @Test
  void argDeclarations() throws Exception {
    Arg a = (Arg) only("ARG A B=2 C=");
    assertThat(a.declarations())
        .containsExactly(
            new Arg.Declaration("A", Optional.empty()),
            new Arg.Declaration("B", Optional.of("2")),
            new Arg.Declaration("C", Optional.of("")));
  }

  @Test
  void healthcheckForms() throws Exception {
    Healthcheck h =
        (Healthcheck)
            only("HEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD curl -f x");
    dev.berth.image.Healthcheck c = h.config().orElseThrow();
    assertThat(c.test()).containsExactly("CMD-SHELL", "curl -f x");
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.retries()).isEqualTo(3);
    assertThat(((Healthcheck) only("HEALTHCHECK NONE")).config()).isEmpty();
    assertThat(
            ((Healthcheck) only("HEALTHCHECK CMD [\"/bin/check\", \"-q\"]"))
                .config()
                .orElseThrow()
                .test())
        .containsExactly("CMD", "/bin/check", "-q");
  }

  @Test
  void runMountsAndNetwork() throws Exception {
    Run r =
        (Run)
            only(
                "RUN --mount=type=cache,target=/root/.cache,sharing=locked"
                    + " --mount=type=secret,id=tok --network=none make");
    assertThat(r.mounts()).hasSize(2);
    assertThat(r.mounts().get(0).type()).isEqualTo("cache");
    assertThat(r.mounts().get(0).option("target")).contains("/root/.cache");
    assertThat(r.mounts().get(1).option("id")).contains("tok");
    assertThat(r.network()).contains("none");
  }

  @Test
  void onbuildWrapsACheckedInstruction() throws Exception {
    OnBuild o = (OnBuild) only("ONBUILD RUN echo hi");
    assertThat(o.trigger()).isInstanceOf(Run.class);
    assertThat(o.expression()).isEqualTo("RUN echo hi");
  }

  @Test
  void copyHeredocIsASource() throws Exception {
    Copy c =
        (Copy)
            read("FROM busybox\nCOPY <<EOF /etc/motd\nhello $USER\nEOF\n")
                .stages()
                .get(0)
                .instructions()
                .get(0);
    assertThat(c.sources()).isEmpty();
    assertThat(c.heredocs())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.name()).isEqualTo("EOF");
              assertThat(h.content()).isEqualTo("hello $USER\n");
              assertThat(h.expand()).isTrue();
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FROM busybox\\nCOPY --bogus=1 a b\\n|2|unknown flag --bogus",
        "FROM busybox\\nCOPY onlyone\\n|2|at least two arguments",
        "FROM busybox\\nCOPY --chmod=999 a b\\n|2|invalid --chmod",
        "FROM busybox\\nHEALTHCHECK --interval=5 CMD true\\n|2|not a duration",
        "FROM busybox\\nHEALTHCHECK --timeout=-1s CMD true\\n|2|at least 1ms",
        "FROM busybox\\nHEALTHCHECK --retries=x CMD true\\n|2|--retries",
        "FROM busybox\\nHEALTHCHECK CONNECT x\\n|2|unknown type",
        "FROM busybox\\nHEALTHCHECK NONE x\\n|2|NONE takes no",
        "FROM busybox AS 1abc\\n|1|invalid stage name",
        "FROM busybox AS a\\nFROM busybox AS A\\n|2|duplicate stage name 'a'",
        "FROM a b\\n|1|one argument",
        "RUN true\\nFROM busybox\\n|1|before the first FROM",
        "ARG X\\n|0|no FROM",
        "FROM busybox\\nONBUILD FROM x\\n|2|ONBUILD trigger",
        "FROM busybox\\nSHELL /bin/bash -c\\n|2|JSON form",
        "FROM busybox\\nRUN --mount=type=nfs,target=/x true\\n|2|unknown mount type",
        "FROM busybox\\n"
            + "COPY /foo <<EOF\\n"
            + "hi\\n"
            + "EOF\\n"
            + "|2|COPY cannot accept a heredoc as a destination",
        "FROM busybox\\nRUN --mount=type=cache,target=/x,sharing=maybe true\\n|2|sharing must be",
        "FROM busybox\\nRUN --network=bridge true\\n|2|--network must be",
        "FROM busybox\\nEXPOSE 80/tcp 99999\\n|2|invalid port '99999'",
        "FROM busybox\\nADD --checksum=md5:abc http://x/y /y\\n|2|invalid --checksum",
        "FROM busybox\\nUSER\\n|2|USER",
        "FROM busybox\\nARG 9x=1\\n|2|invalid name",
        "FROM busybox\\nCMD --x=1 true\\n|2|CMD takes no flags",
      })
  void malformedInstructionsAreErrorsWithTheirLine(String text, int line, String message) {
    BerthException e = failure(text.replace("\\n", "\n"));
    assertThat(e).as(text).isNotNull();
    assertThat(e.first().message()).contains(message);
    assertThat(e.first().range().startLine()).isEqualTo(line);
    assertThat(e.first().range().file()).isEqualTo("Dockerfile");
  }

  @Test
  void unknownInstructionIsAnError() {
    assertThatThrownBy(() -> read("FROM busybox\nFROBNICATE x\n"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("Dockerfile:2")
        .hasMessageContaining("FROBNICATE");
  }
}
