package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    CliRun run = CliRun.of("completion", "fish");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown shell 'fish'").contains("bash or zsh");
  }
}
