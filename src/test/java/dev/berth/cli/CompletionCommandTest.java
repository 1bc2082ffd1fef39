package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {

  @TempDir Path tmp;

  /** What bash offers after {@code line}, with the script sourced, as a user's TAB would. */
  private String complete(Path script, String... words) throws Exception {
    String cword = Integer.toString(words.length - 1);
    String bash =
        "source "
            + script
            + " && fn=$(complete -p berth | sed -E 's/.*-F ([^ ]+).*/\\1/')"
            + " && COMP_WORDS=("
            + String.join(" ", words)
            + ") && COMP_CWORD="
            + cword
            + " && COMP_LINE=\"${COMP_WORDS[*]}\" && COMP_POINT=${#COMP_LINE}"
            + " && $fn && printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void theBashScriptCompletesCommandsAndFlags() throws Exception {
    CliRun run = CliRun.of("completion", "bash");
    assertThat(run.exitCode()).isZero();
    Path script = tmp.resolve("berth.bash");
    Files.writeString(script, run.out());
    // docker's `builder` shares the prefix: bash inserts the common prefix, so `berth bu` TAB
    // still completes to `berth build` (and offers `builder` with a second TAB).
    assertThat(complete(script, "berth", "bu").lines()).containsExactly("build", "builder");
    assertThat(complete(script, "berth", "bui").lines()).containsExactly("build", "builder");
    assertThat(complete(script, "berth", "build", "--tar").lines()).contains("--target");
  }

  @Test
  void zshGetsTheSameScriptThroughBashcompinit() {
    CliRun run = CliRun.of("completion", "zsh");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("autoload -U +X compinit").contains("complete -F");
  }

  @Test
  void anotherShellIsBadInput() {
    CliRun run = CliRun.of("completion", "tcsh");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown shell 'tcsh'").contains("bash, zsh or fish");
  }

  /** What fish offers for {@code line} ({@code complete -C}), the candidate before its tab. */
  private List<String> fishComplete(Path script, String line) throws Exception {
    Path config = Files.createDirectories(tmp.resolve("fish-config"));
    ProcessBuilder pb =
        new ProcessBuilder(
                "fish",
                "--no-config",
                "-c",
                "source " + script + "; and complete -C " + FishCompletion.quote(line))
            .redirectErrorStream(true);
    // fish keeps its history and universal variables there; not in the user's home.
    pb.environment().put("XDG_CONFIG_HOME", config.toString());
    pb.environment().put("XDG_DATA_HOME", config.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().map(l -> l.split("\t", 2)[0]).toList();
  }

  @Test
  void theFishScriptCompletesCommandsSubcommandsFlagsAndPaths() throws Exception {
    boolean present = new ProcessBuilder("sh", "-c", "command -v fish").start().waitFor() == 0;
    if (!present && "1".equals(System.getenv("BERTH_REQUIRE_TOOLS"))) {
      throw new AssertionError("fish is required in CI (berth completion fish) but is missing");
    }
    assumeTrue(present, "fish is not installed, so the fish completion check was skipped");
    CliRun run = CliRun.of("completion", "fish");
    assertThat(run.exitCode()).isZero();
    Path script = tmp.resolve("berth.fish");
    Files.writeString(script, run.out());
    assertThat(fishComplete(script, "berth bu")).containsExactly("build", "builder");
    assertThat(fishComplete(script, "berth buil")).containsExactly("build", "builder");
    assertThat(fishComplete(script, "berth builde")).containsExactly("builder");
    assertThat(fishComplete(script, "berth build --tar")).containsExactly("--target");
    assertThat(fishComplete(script, "berth compose u")).contains("up").doesNotContain("build");
    assertThat(fishComplete(script, "berth compose -f x.yml u")).contains("up");
    assertThat(fishComplete(script, "berth build --progress ")).contains("plain", "tty");
    // --file takes a path: fish offers the files there; an image name (tag) offers none.
    Files.writeString(tmp.resolve("Dockerfile.dev"), "FROM scratch\n");
    assertThat(fishComplete(script, "berth build -f " + tmp + "/Docker"))
        .containsExactly(tmp + "/Dockerfile.dev");
    assertThat(fishComplete(script, "berth tag " + tmp + "/Docker")).isEmpty();
  }
}
