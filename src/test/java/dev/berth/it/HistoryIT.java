package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code berth history} against docker as the oracle: an image berth built is saved, loaded into
 * docker, and each flag and format combination must print the same lines from both. Relative times
 * ("5 seconds ago") are read at different moments by the two, so where a format shows them they are
 * replaced by one word on both sides and runs of blanks are squeezed (a wider time makes a wider
 * column); every other field is compared exactly, sizes included (the layers' unpacked sizes:
 * files, symlink targets, a hard link once, whiteouts nothing).
 */
class HistoryIT {

  private static Path tmp;
  private static Berth berth;
  private static String image;

  @BeforeAll
  static void buildSaveAndLoadIntoDocker() throws IOException {
    Tools.requireDockerEngine();
    tmp = Files.createTempDirectory("berth-history-it-");
    berth = BusyboxBase.store(tmp.resolve("store"));
    image = "berth-history-it-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        """
        FROM busybox-it:1
        ENV APP_HOME=/app
        RUN mkdir -p /data && echo hello > /data/a.txt && ln -s /data/a.txt /data/link\
         && ln /data/a.txt /data/hard
        RUN rm /data/a.txt && printf 'tab\\there\\n' > /data/t
        RUN echo 'a	tab in the instruction itself'
        COPY hello.txt /app/hello.txt
        WORKDIR /app
        LABEL stage=history
        USER 1000:1000
        CMD ["sh", "-c", "echo a command line that is much longer than forty-five characters"]
        """);
    berth.run("build", "-t", image, ctx.toString()).ok();
    Path archive = tmp.resolve("image.tar");
    berth.run("save", "-o", archive.toString(), image).ok();
    Berth.exec("docker", "load", "-i", archive.toString()).ok();
  }

  @AfterAll
  static void removeFromDocker() throws IOException {
    if (image != null) {
      Berth.exec("docker", "rmi", "-f", image);
    }
    if (tmp != null) {
      Berth.exec("rm", "-rf", tmp.toString());
    }
  }

  static Stream<String> flagSets() {
    return Stream.of(
        "",
        "--human=false",
        "-H=false --no-trunc",
        "--no-trunc",
        "-q",
        "-q --no-trunc",
        "--format json",
        "--human=false --format json",
        "--no-trunc --format json",
        "--format table",
        "--human=false --format table",
        "--format {{.ID}}\\t{{.Size}}",
        "--format table {{.ID}}\\t{{.CreatedBy}}\\t{{.Size}}",
        "--human=false --format table {{.Size}}\\t{{.CreatedSince}}\\t{{.Comment}}",
        "--format {{.CreatedAt}}|{{.Comment}}|",
        "--no-trunc --format {{.CreatedBy}}",
        "--format {{json .CreatedBy}}",
        "-q --format {{.Size}}",
        "--human=false --format {{upper .ID}} {{len .CreatedBy}} {{.Size}}",
        "--format {{if eq .Size \"0B\"}}empty{{else}}{{.Size}}{{end}}");
  }

  @ParameterizedTest(name = "history {0}")
  @MethodSource("flagSets")
  void printsWhatDockerPrints(String flags) throws IOException {
    List<String> args = args(flags);
    List<String> docker = new ArrayList<>(List.of("docker", "history"));
    docker.addAll(args);
    docker.add(image);
    List<String> ours = new ArrayList<>(List.of("history"));
    ours.addAll(args);
    ours.add(image);
    String expected = Berth.exec(docker.toArray(String[]::new)).ok().out();
    String actual = berth.run(ours.toArray(String[]::new)).ok().out();
    assertThat(expected.lines()).as("docker's output").hasSizeGreaterThan(5);
    boolean squeeze = hasRelativeTime(actual) || hasRelativeTime(expected);
    assertThat(stable(actual, squeeze).lines())
        .as("berth history %s", flags)
        .containsExactlyElementsOf(stable(expected, squeeze).lines().toList());
  }

  @Test
  void unknownFieldIsAnErrorAndAMissingImageExitsTwo() throws IOException {
    Berth.Result r = berth.run("history", "--format", "{{.Nope}}", image);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("can't evaluate field Nope");
    Berth.Result missing = berth.run("history", "no-such-image:1");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no-such-image:1");
  }

  /** "--format X Y" keeps everything after --format as one argument. */
  private static List<String> args(String flags) {
    List<String> out = new ArrayList<>();
    String rest = flags;
    while (!rest.isEmpty()) {
      if (rest.startsWith("--format ")) {
        out.add("--format");
        out.add(rest.substring("--format ".length()));
        break;
      }
      int sp = rest.indexOf(' ');
      out.add(sp < 0 ? rest : rest.substring(0, sp));
      rest = sp < 0 ? "" : rest.substring(sp + 1);
    }
    return out;
  }

  /** docker's units ("1 second", "2 seconds", "About a minute", ...), as go-units writes them. */
  private static final Pattern RELATIVE_TIME =
      Pattern.compile(
          "(\\d+ (second|minute|hour|day|week|month|year)s?|About an? (minute|hour)"
              + "|Less than a second) ago");

  private static boolean hasRelativeTime(String out) {
    return RELATIVE_TIME.matcher(out).find();
  }

  /**
   * Relative times as one word and, when either side has one, blanks squeezed in both: a second
   * ticking between the two commands changes the column widths, not what the columns hold.
   */
  private static String stable(String out, boolean squeeze) {
    String s = RELATIVE_TIME.matcher(out).replaceAll("AGO");
    return squeeze ? s.replaceAll(" {2,}", "  ") : s;
  }
}
