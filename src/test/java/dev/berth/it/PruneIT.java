package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code image prune}, {@code builder prune} and {@code system df} on a real store: a rebuild
 * leaves a dangling image that the default prune takes; {@code -a} takes every image but the one a
 * container uses; {@code builder prune} keeps the cache an image shares unless {@code -a}, after
 * which a rebuild runs its steps again; df's numbers follow each prune.
 */
class PruneIT {

  private static Path tmp;
  private static Leaks before;
  private static int stores;

  // Each test has a store of its own: df counts what the other tests left otherwise.
  private Path storeDir;
  private Berth berth;

  @BeforeAll
  static void tmp() throws IOException {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    tmp = Files.createTempDirectory("berth-prune-it-");
    before = Leaks.of(tmp);
  }

  @BeforeEach
  void store() throws IOException {
    storeDir = tmp.resolve("store" + ++stores);
    berth = BusyboxBase.store(storeDir);
  }

  @AfterEach
  void removeContainer() throws IOException {
    berth.run("rm", "-f", "prune-it-c1");
    Leaks.awaitQuiet(storeDir);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (tmp != null) {
      assertThat(Leaks.of(tmp)).isEqualTo(before);
      Berth.exec("rm", "-rf", tmp.toString());
    }
  }

  private Path context(String name, String dockerfile) throws IOException {
    Path ctx =
        Files.createDirectories(storeDir.resolveSibling(storeDir.getFileName() + "-" + name));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    return ctx;
  }

  private String build(String tag, Path ctx) throws IOException {
    return berth.run("build", "-q", "-t", tag, ctx.toString()).ok().out().strip();
  }

  /** berth with {@code input} on standard input. */
  private Berth.Result withInput(String input, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of("sh", "-c", "printf '" + input + "' | \"$0\" \"$@\""));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Berth.jar().toString());
    cmd.addAll(List.of(args));
    return Berth.exec(cmd, Map.of("BERTH_ROOT", storeDir.toString()));
  }

  /** {@code system df}'s summary line for one type, as TOTAL ACTIVE SIZE RECLAIMABLE. */
  private String df(String type) throws IOException {
    String out =
        berth
            .run(
                "system",
                "df",
                "--format",
                "{{.Type}}|{{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}")
            .ok()
            .out();
    return out.lines()
        .filter(l -> l.startsWith(type + "|"))
        .map(l -> l.substring(type.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void imagePruneTakesDanglingImagesThenWithAllEveryImageNoContainerUses() throws IOException {
    String oldId = build("prune-it/app:1", context("v1", "FROM busybox-it:1\nRUN echo one > /f\n"));
    String newId = build("prune-it/app:1", context("v2", "FROM busybox-it:1\nRUN echo two > /f\n"));
    assertThat(oldId).isNotEqualTo(newId);
    berth.run("create", "--network", "none", "--name", "prune-it-c1", "busybox-it:1", "true").ok();

    assertThat(df("Images")).startsWith("3 1 ");
    assertThat(df("Containers")).startsWith("1 0 ");

    // Asked, and told no: nothing goes, and docker's prompt is what was asked.
    Berth.Result no = withInput("n\\n", "image", "prune");
    assertThat(no.exitCode()).isZero();
    assertThat(no.out())
        .isEqualTo(
            "WARNING! This will remove all dangling images.\n"
                + "Are you sure you want to continue? [y/N] ");
    assertThat(df("Images")).startsWith("3 1 ");

    Berth.Result yes = withInput("y\\n", "image", "prune");
    assertThat(yes.exitCode()).as(yes.err()).isZero();
    assertThat(yes.out())
        .startsWith(
            "WARNING! This will remove all dangling images.\n"
                + "Are you sure you want to continue? [y/N] Deleted Images:\n"
                + "deleted: "
                + oldId
                + "\n\nTotal reclaimed space: ");
    assertThat(yes.out()).doesNotEndWith(" 0B\n");
    assertThat(df("Images")).startsWith("2 1 ");
    assertThat(berth.run("image", "prune", "-f").ok().out())
        .isEqualTo("Total reclaimed space: 0B\n");

    // What the one image a container uses takes is all that -a leaves.
    String busyboxSize =
        berth
            .run(
                "system",
                "df",
                "-v",
                "--format",
                "{{range .Images}}{{if eq .Repository"
                    + " \"busybox-it\"}}{{.VirtualSize}}{{end}}{{end}}")
            .ok()
            .out();
    Berth.Result all = berth.run("image", "prune", "-a", "-f").ok();
    assertThat(all.out())
        .startsWith("Deleted Images:\nuntagged: prune-it/app:1\ndeleted: " + newId + "\n\n");
    assertThat(berth.run("images", "--format", "{{.Repository}}").ok().out())
        .isEqualTo("busybox-it\n");
    assertThat(df("Images")).isEqualTo("1 1 " + busyboxSize + " 0B (0%)");

    berth.run("rm", "-f", "prune-it-c1").ok();
    assertThat(df("Containers")).isEqualTo("0 0 0B 0B");
  }

  @Test
  void builderPruneKeepsWhatAnImageSharesUnlessAllAndThenARebuildRunsAgain() throws IOException {
    Path ctx =
        context(
            "cached",
            "FROM busybox-it:1\n"
                + "RUN --mount=type=cache,target=/cache echo x > /cache/x && echo built > /b\n");
    List<String> args = List.of("build", "--progress", "plain", "-t", "prune-it/cached:1");
    List<String> full = new ArrayList<>(args);
    full.add(ctx.toString());
    String[] buildArgs = full.toArray(String[]::new);
    String step = "RUN --mount=type=cache";
    assertThat(PlainProgress.status(berth.run(buildArgs).ok().err(), step)).isEqualTo("DONE");
    assertThat(PlainProgress.status(berth.run(buildArgs).ok().err(), step)).isEqualTo("CACHED");
    assertThat(df("Build Cache")).doesNotStartWith("0 ");

    // The default takes the cache mount and the context cache, not the record the image shares.
    Berth.Result dangling = berth.run("builder", "prune", "-f").ok();
    assertThat(dangling.out()).contains("Total reclaimed space: ").doesNotContain(": 0B");
    assertThat(PlainProgress.status(berth.run(buildArgs).ok().err(), step)).isEqualTo("CACHED");

    Berth.Result no = withInput("\\n", "builder", "prune", "-a");
    assertThat(no.out())
        .isEqualTo(
            "WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] ");
    Berth.Result all = berth.run("builder", "prune", "-a", "-f").ok();
    assertThat(all.out()).startsWith("Deleted build cache objects:\n");
    assertThat(all.out()).contains("\n\nTotal reclaimed space: ");
    assertThat(df("Build Cache")).isEqualTo("0 0 0B 0B");
    assertThat(PlainProgress.status(berth.run(buildArgs).ok().err(), step)).isEqualTo("DONE");
  }

  @Test
  void badFiltersExitTwo() throws IOException {
    Berth.Result r = berth.run("image", "prune", "-f", "--filter", "dangling=false");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid filter 'dangling'");
    assertThat(berth.run("builder", "prune", "-f", "--filter", "until=soon").exitCode())
        .isEqualTo(2);
  }
}
