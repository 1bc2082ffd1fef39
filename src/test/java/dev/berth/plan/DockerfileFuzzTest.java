package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated Dockerfiles to parse and plan: each must plan or fail with a {@link
 * BerthException} of an input kind that carries a diagnostic positioned in the file (never another
 * exception, never an error without a place).
 *
 * <p>The mutations know the grammar: they start from the real Dockerfiles under {@code
 * src/test/resources} and swap instruction keywords, add flags, variable expansions, heredocs,
 * parser directives, continuations and JSON forms, move and cut lines. Bounded in time ({@code
 * berth.fuzz.millis}, 3 s by default) and seeded; a failure names its seed and case, and {@code
 * -Dberth.fuzz.seed=S -Dberth.fuzz.case=N} reruns one.
 */
class DockerfileFuzzTest {

  private static final long SEED = Long.getLong("berth.fuzz.seed", 19L);
  private static final long MILLIS = Long.getLong("berth.fuzz.millis", 3000L);
  private static final Long ONLY = Long.getLong("berth.fuzz.case");
  private static final Platform AMD64 = Platform.of("linux", "amd64", "");

  private static final String[] KEYWORDS = {
    "FROM",
    "RUN",
    "COPY",
    "ADD",
    "ARG",
    "ENV",
    "WORKDIR",
    "USER",
    "EXPOSE",
    "LABEL",
    "ENTRYPOINT",
    "CMD",
    "SHELL",
    "HEALTHCHECK",
    "ONBUILD",
    "STOPSIGNAL",
    "VOLUME",
    "MAINTAINER",
    "from",
    "Run",
    "BOGUS"
  };

  private static final String[] FRAGMENTS = {
    "--mount=type=cache,target=/c",
    "--mount=type=bind,from=nope,source=/x",
    "--mount=type=secret,id=",
    "--mount=type=tmpfs",
    "--mount=",
    "--from=0",
    "--from=-1",
    "--from=missing",
    "--chown=1:1",
    "--chown=${U}:${G}",
    "--chmod=abc",
    "--chmod=0755",
    "--platform=$BUILDPLATFORM",
    "--platform=windows/arm",
    "--network=none",
    "--link",
    "--exclude=*.py",
    "--keep-git-dir=true",
    "--unknown-flag",
    "--=",
    "${A:-${B:+${C:?nope}}}",
    "${A}",
    "$",
    "${",
    "${A",
    "${A:?}",
    "${A/b/c}",
    "${A#x}",
    "${A%%y}",
    "${#A}",
    "$$",
    "\\",
    "\"",
    "'",
    "`",
    "<<EOF",
    "<<-\"EOF\"",
    "<<EOF\nline\nEOF",
    "[\"a\", \"b\"",
    "[]",
    "[1, 2]",
    "[\"sh\", \"-c\", \"echo\"]",
    "AS base",
    "AS",
    "AS 0bad",
    "scratch",
    "../../etc/passwd",
    "${A}${A}${A}${A}",
    "\u0000",
    "\u00e9\u4e2d\ud83d\ude00",
    "\t",
    "#",
    "=",
    "A=",
    "=B",
    "CMD",
    "NONE",
    "--interval=1x",
    "65536/tcp",
    "80-70",
    "SIGKILL",
    "999999999999999999999",
  };

  private static final String[] LINES = {
    "# syntax=docker/dockerfile:1",
    "# escape=`",
    "# escape=x",
    "# check=skip=all;error=true",
    "ARG A=x",
    "ARG A=${A}${A}",
    "ARG B",
    "FROM ${A}",
    "FROM ${NOPE:-busybox} AS s${A}",
    "FROM base",
    "COPY --from=base / /",
    "ONBUILD ONBUILD RUN x",
    "ONBUILD FROM x",
    "HEALTHCHECK NONE",
    "HEALTHCHECK --interval=0s CMD true",
    "RUN <<EOF",
    "EOF",
    "SHELL []",
    "USER",
    "WORKDIR",
    "ENV",
    "LABEL",
    "EXPOSE",
    "ENV A",
    "ENV A=\"unterminated",
    "RUN \\",
    "",
  };

  private static List<String> corpus() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p)
            && (name.equals("Dockerfile") || name.endsWith(".Dockerfile"))
            && Files.size(p) < 64 * 1024) {
          out.add(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  /** One input, made from {@code caseSeed}. */
  static String mutant(List<String> corpus, long caseSeed) {
    Random r = new Random(caseSeed);
    if (r.nextInt(20) == 0) {
      return randomText(r);
    }
    List<String> lines =
        new ArrayList<>(Arrays.asList(corpus.get(r.nextInt(corpus.size())).split("\n", -1)));
    for (int m = 0, n = 1 + r.nextInt(4); m < n; m++) {
      mutate(lines, r);
    }
    return String.join(r.nextInt(10) == 0 ? "\r\n" : "\n", lines);
  }

  private static void mutate(List<String> lines, Random r) {
    if (lines.isEmpty()) {
      lines.add(LINES[r.nextInt(LINES.length)]);
      return;
    }
    int i = r.nextInt(lines.size());
    String line = lines.get(i);
    String[] words = line.split(" ", -1);
    switch (r.nextInt(11)) {
      case 0 -> { // another instruction keyword
        words[0] = KEYWORDS[r.nextInt(KEYWORDS.length)];
        lines.set(i, String.join(" ", words));
      }
      case 1 -> { // a flag or an expansion after the keyword or anywhere in the line
        List<String> w = new ArrayList<>(Arrays.asList(words));
        w.add(1 + r.nextInt(Math.max(1, w.size())), FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        if (w.size() > words.length + 1) {
          w.remove(w.size() - 1);
        }
        lines.set(i, String.join(" ", w));
      }
      case 2 -> { // replace one word
        words[r.nextInt(words.length)] = FRAGMENTS[r.nextInt(FRAGMENTS.length)];
        lines.set(i, String.join(" ", words));
      }
      case 3 -> lines.add(i, LINES[r.nextInt(LINES.length)]);
      case 4 -> lines.remove(i);
      case 5 -> lines.add(i, line); // duplicate
      case 6 -> { // swap two lines
        int j = r.nextInt(lines.size());
        lines.set(i, lines.get(j));
        lines.set(j, line);
      }
      case 7 -> lines.set(i, line.substring(0, r.nextInt(line.length() + 1))); // cut
      case 8 -> lines.set(i, line + " \\"); // continue onto the next line
      case 9 -> { // one odd character
        char[] odd = {'\\', '"', '\'', '$', '{', '}', '[', ']', '`', '\u0000', '\t', '#', '='};
        int at = r.nextInt(line.length() + 1);
        lines.set(i, line.substring(0, at) + odd[r.nextInt(odd.length)] + line.substring(at));
      }
      default -> { // a deep expansion or a long line
        if (r.nextBoolean()) {
          lines.add(i, "ARG D=" + "${X:-".repeat(1 + r.nextInt(3000)) + "}".repeat(r.nextInt(3)));
        } else {
          lines.add(i, "RUN " + "a".repeat(r.nextInt(70_000)));
        }
      }
    }
  }

  private static String randomText(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0, n = r.nextInt(400); i < n; i++) {
      if (r.nextInt(8) == 0) {
        b.append(KEYWORDS[r.nextInt(KEYWORDS.length)]).append(' ');
      } else if (r.nextInt(8) == 0) {
        b.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]).append(' ');
      } else {
        b.append((char) (r.nextInt(10) == 0 ? '\n' : 32 + r.nextInt(95)));
      }
    }
    return b.toString();
  }

  @Test
  void mutatedDockerfilesPlanOrFailWithAPositionedDiagnostic() throws IOException {
    List<String> corpus = corpus();
    assertThat(corpus).as("Dockerfiles under src/test/resources").hasSizeGreaterThan(20);
    long deadline = System.currentTimeMillis() + MILLIS;
    int cases = 0;
    int refused = 0;
    for (long n = ONLY != null ? ONLY : 0;
        ONLY != null ? n == ONLY : System.currentTimeMillis() < deadline;
        n++) {
      String text = mutant(corpus, SEED * 1_000_003L + n);
      String label = "seed=" + SEED + " case=" + n;
      try {
        Planner.plan(
            DockerfileReader.parse("Dockerfile", text),
            new PlanOptions(Optional.empty(), Map.of("A", "1"), AMD64, AMD64),
            BaseImageConfigs.none());
      } catch (BerthException e) {
        refused++;
        assertThat(e.kind().isInputError()).as("%s: %s is an input error", label, e).isTrue();
        assertThat(e.diagnostics())
            .as("%s: %s has a place in the Dockerfile", label, e.getMessage())
            .isNotEmpty();
        Diagnostic d = e.first();
        assertThat(d.range()).as(label).isNotNull();
        assertThat(d.range().file()).as(label).isEqualTo("Dockerfile");
        // Line 0 is the whole file (SourceRange.file), for errors such as a missing FROM.
        assertThat(d.range().startLine()).as("%s: %s", label, d.message()).isNotNegative();
        assertThat(d.message().length())
            .as(
                "%s: message length: %s",
                label, d.message().substring(0, Math.min(300, d.message().length())))
            .isLessThan(2000);
      } catch (Throwable t) {
        throw new AssertionError(label + ": " + t + " is not a BerthException", t);
      }
      cases++;
    }
    assertThat(refused).isPositive();
    assertThat(cases - refused).as("mutants that still plan").isPositive();
    System.out.printf("dockerfile: %d cases, %d refused (seed %d)%n", cases, refused, SEED);
  }
}
