package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard input and output as docker users pipe them: {@code cat Dockerfile | berth build -f -},
 * {@code berth save IMG | docker load} (and the refusal on a terminal), {@code berth load < tar}.
 */
class StdioIT {

  @TempDir Path tmp;

  /** A shell line with {@code $BERTH} standing for the berth command, for pipes. */
  private Berth.Result sh(Path store, String line) throws IOException {
    String berth = Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + Berth.jar();
    return Berth.exec(
        List.of("sh", "-c", line), Map.of("BERTH_ROOT", store.toString(), "BERTH", berth));
  }

  @Test
  void buildReadsTheDockerfileFromStdin() throws IOException {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("greeting.txt"), "from the context\n");
    // No Dockerfile in the context: the one on stdin is the only one there is.
    Path dockerfile = tmp.resolve("piped.Dockerfile");
    Files.writeString(
        dockerfile, "FROM busybox-it:1\nCOPY greeting.txt /greeting.txt\nLABEL piped=yes\n");
    Berth.Result b =
        sh(store, "cat '" + dockerfile + "' | $BERTH build -f - -t piped:1 '" + ctx + "'").ok();
    assertThat(b.out().strip()).startsWith("sha256:");
    assertThat(
            berth
                .run("inspect", "--format", "{{index .Config.Labels \"piped\"}}", "piped:1")
                .ok()
                .out())
        .isEqualTo("yes\n");

    Berth.Result empty = sh(store, "$BERTH build -f - -t none:1 '" + ctx + "' < /dev/null");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("-f -: standard input is empty");

    // A mistake in it is reported at its line, with the text it came from.
    Berth.Result bad =
        sh(store, "printf 'FROM busybox-it:1\\nNOPE x\\n' | $BERTH build -f - '" + ctx + "'");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("Dockerfile:2");
  }

  @Test
  void saveGoesToARedirectedStdoutAndLoadReadsStdin() throws IOException {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    String id = berth.run("inspect", "--format", "{{.Id}}", BusyboxBase.IMAGE).ok().out().strip();

    Path archive = tmp.resolve("piped.tar");
    sh(store, "$BERTH save " + BusyboxBase.IMAGE + " > '" + archive + "'").ok();
    assertThat(Berth.exec("tar", "tf", archive.toString()).ok().out()).contains("manifest.json");

    Path other = tmp.resolve("other");
    Berth.Result load = sh(other, "$BERTH load < '" + archive + "'").ok();
    assertThat(load.out()).isEqualTo("Loaded image: " + BusyboxBase.IMAGE + "\n");
    assertThat(
            new Berth(other)
                .run("inspect", "--format", "{{.Id}}", BusyboxBase.IMAGE)
                .ok()
                .out()
                .strip())
        .isEqualTo(id);

    Berth.Result piped = sh(other, "$BERTH save " + BusyboxBase.IMAGE + " | $BERTH load").ok();
    assertThat(piped.out()).contains("Loaded image: " + BusyboxBase.IMAGE);

    Berth.Result empty = sh(other, "$BERTH load < /dev/null");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("stdin is empty");
  }

  @Test
  void saveRefusesATerminalAsDockerDoes() throws IOException {
    Tools.require("script", "a pseudo-terminal for berth's standard output");
    Path store = tmp.resolve("store");
    BusyboxBase.store(store);
    Berth.Result r = sh(store, "script -qec \"$BERTH save " + BusyboxBase.IMAGE + "\" /dev/null");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out())
        .contains("cowardly refusing to save to a terminal. Use the -o flag or redirect")
        .doesNotContain("manifest.json");
  }

  @Test
  void dockerLoadsWhatBerthSavesToAPipe() throws IOException {
    Tools.requireDockerEngine();
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    String tag = "berth-stdio-it-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    berth.run("tag", BusyboxBase.IMAGE, tag).ok();
    try {
      Berth.Result r = sh(store, "$BERTH save " + tag + " | docker load").ok();
      assertThat(r.out()).contains("Loaded image: " + tag);
    } finally {
      Berth.exec("docker", "rmi", "-f", tag);
    }
  }
}
