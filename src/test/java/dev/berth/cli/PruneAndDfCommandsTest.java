package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prune and df commands' text over an empty store, against what docker 28 prints for an empty
 * engine (captured from {@code docker system df}, {@code -v} and {@code --format json}), the
 * prompts and how an answer on standard input is read, and their completion.
 */
class PruneAndDfCommandsTest {

  @TempDir Path tmp;

  private CliRun run(String stdin, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--root";
    all[args.length + 1] = tmp.resolve("store").toString();
    return CliRun.withStdin(stdin, all);
  }

  @Test
  void dfOfAnEmptyStoreIsDockersOfAnEmptyEngine() {
    assertThat(run("", "system", "df").out())
        .isEqualTo(
            """
            TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
            Images          0         0         0B        0B
            Containers      0         0         0B        0B
            Local Volumes   0         0         0B        0B
            Build Cache     0         0         0B        0B
            """);
    assertThat(run("", "system", "df", "--format", "json").out())
        .isEqualTo(
            """
            {"Active":"0","Reclaimable":"0B","Size":"0B","TotalCount":"0","Type":"Images"}
            {"Active":"0","Reclaimable":"0B","Size":"0B","TotalCount":"0","Type":"Containers"}
            {"Active":"0","Reclaimable":"0B","Size":"0B","TotalCount":"0","Type":"Local Volumes"}
            {"Active":"0","Reclaimable":"0B","Size":"0B","TotalCount":"0","Type":"Build Cache"}
            """);
    assertThat(run("", "system", "df", "-v").out())
        .isEqualTo(
            """
            Images space usage:

            REPOSITORY   TAG       IMAGE ID   CREATED   SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS

            Containers space usage:

            CONTAINER ID   IMAGE     COMMAND   LOCAL VOLUMES   SIZE      CREATED   STATUS    NAMES

            Local Volumes space usage:

            VOLUME NAME   LINKS     SIZE

            Build cache usage: 0B

            CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED
            """);
  }

  @Test
  void dfTemplatesAndUnknownFields() {
    assertThat(run("", "system", "df", "--format", "{{.Type}}={{.TotalCount}}").out())
        .isEqualTo("Images=0\nContainers=0\nLocal Volumes=0\nBuild Cache=0\n");
    assertThat(
            run("", "system", "df", "-v", "--format", "{{len .Images}} {{len .BuildCache}}").out())
        .isEqualTo("0 0");
    CliRun bad = run("", "system", "df", "--format", "{{.Nope}}");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("can't evaluate field Nope");
  }

  @Test
  void prunesAskWithDockersWordsAndReadTheAnswerFromStdin() {
    CliRun no = run("n\n", "image", "prune");
    assertThat(no.exitCode()).isZero();
    assertThat(no.out())
        .isEqualTo(
            "WARNING! This will remove all dangling images.\n"
                + "Are you sure you want to continue? [y/N] ");
    CliRun eof = run("", "image", "prune", "-a");
    assertThat(eof.out())
        .isEqualTo(
            "WARNING! This will remove all images without at least one container associated to"
                + " them.\nAre you sure you want to continue? [y/N] ");
    assertThat(run(" Y \n", "image", "prune").out()).endsWith("[y/N] Total reclaimed space: 0B\n");
    assertThat(run("", "image", "prune", "-f").out()).isEqualTo("Total reclaimed space: 0B\n");
    assertThat(run("no\n", "builder", "prune").out())
        .isEqualTo(
            "WARNING! This will remove all dangling build cache. Are you sure you want to"
                + " continue? [y/N] ");
    assertThat(run("y\n", "builder", "prune", "-a").out())
        .isEqualTo(
            "WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] "
                + "Total reclaimed space: 0B\n");
  }

  @Test
  void badFiltersAreUsageErrors() {
    CliRun r = run("", "image", "prune", "-f", "--filter", "dangling=true");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid filter 'dangling'");
    assertThat(run("", "builder", "prune", "-f", "--filter", "label=x").exitCode()).isEqualTo(2);
  }

  @Test
  void historyShortensAsDocker() {
    assertThat(HistoryCommand.truncateId("sha256:0123456789abcdef")).isEqualTo("0123456789ab");
    assertThat(HistoryCommand.truncateId("<missing>")).isEqualTo("<missing>");
    assertThat(HistoryCommand.ellipsis("x".repeat(45), 45)).isEqualTo("x".repeat(45));
    assertThat(HistoryCommand.ellipsis("x".repeat(46), 45)).isEqualTo("x".repeat(44) + "…");
    assertThat(HistoryCommand.ellipsis("é".repeat(50), 45)).isEqualTo("é".repeat(44) + "…");
  }

  @Test
  void theNewCommandsComplete() throws Exception {
    Path script = tmp.resolve("berth.bash");
    Files.writeString(script, CliRun.of("completion", "bash").out());
    assertThat(complete(script, "berth", "hist")).isEqualTo("history\n");
    assertThat(complete(script, "berth", "builde")).isEqualTo("builder\n");
    assertThat(complete(script, "berth", "system", "d")).isEqualTo("df\n");
    assertThat(complete(script, "berth", "image", "p")).isEqualTo("prune\n");
    // Outside an interactive completion bash's compopt complains on stderr; only the words count.
    assertThat(complete(script, "berth", "builder", "prune", "--al").lines())
        .filteredOn(l -> !l.contains("compopt"))
        .containsExactly("--all");
  }

  private static String complete(Path script, String... words) throws Exception {
    String bash =
        "source "
            + script
            + " && fn=$(complete -p berth | sed -E 's/.*-F ([^ ]+).*/\\1/')"
            + " && COMP_WORDS=("
            + String.join(" ", words)
            + ") && COMP_CWORD="
            + (words.length - 1)
            + " && COMP_LINE=\"${COMP_WORDS[*]}\" && COMP_POINT=${#COMP_LINE}"
            + " && $fn && printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
