package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth's config file as a user writes it ({@code $XDG_CONFIG_HOME/berth/config.toml}) and the
 * order of precedence the README promises: a flag, then a {@code BERTH_*} variable, then the file.
 */
class ConfigIT {

  @TempDir static Path tmp;
  private static Path xdg;
  private static Path context;

  @BeforeAll
  static void setUp() throws IOException {
    // The busybox base in a store of its own, which the config file's root then names.
    BusyboxBase.store(tmp.resolve("store"));
    xdg = tmp.resolve("xdg");
    Files.createDirectories(xdg.resolve("berth"));
    context = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        context.resolve("Dockerfile"), "FROM " + BusyboxBase.IMAGE + "\nCOPY a /a\nRUN cat /a\n");
    Files.writeString(context.resolve("a"), "from the context\n");
  }

  private static void config(String text) throws IOException {
    Files.writeString(xdg.resolve("berth/config.toml"), text);
  }

  /** berth with only XDG_CONFIG_HOME (and {@code env}) telling it where things are. */
  private static Berth.Result berth(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Berth.jar().toString());
    cmd.addAll(List.of(args));
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("XDG_CONFIG_HOME", xdg.toString());
    // An inherited BERTH_ROOT would beat the file; the empty value counts as unset.
    all.putIfAbsent("BERTH_ROOT", "");
    all.putIfAbsent("BERTH_PROGRESS", "");
    all.putIfAbsent("BERTH_NETWORK", "");
    return Berth.exec(cmd, all);
  }

  @Test
  void theFilesRootAndProgressAreUsedAndVariablesAndFlagsBeatThem() throws IOException {
    config(
        "# the store and how builds report\nroot = \""
            + tmp.resolve("store")
            + "\"\nprogress = \"quiet\"\n");
    Berth.Result quiet = berth(Map.of(), "build", "-t", "configured:1", context.toString()).ok();
    // quiet: the image ID alone on stdout, no step lines on stderr.
    assertThat(quiet.out().strip()).matches("sha256:[0-9a-f]{64}");
    assertThat(quiet.err()).doesNotContain("RUN cat /a");
    // The image went to the file's store.
    assertThat(berth(Map.of(), "images", "--format", "{{.Repository}}").ok().out())
        .contains("configured");

    Berth.Result plain =
        berth(Map.of("BERTH_PROGRESS", "plain"), "build", "--no-cache", context.toString()).ok();
    assertThat(plain.err()).contains("RUN cat /a").contains("from the context");

    Berth.Result flag =
        berth(
                Map.of("BERTH_PROGRESS", "quiet"),
                "build",
                "--no-cache",
                "--progress",
                "plain",
                context.toString())
            .ok();
    assertThat(flag.err()).contains("RUN cat /a");

    String info = berth(Map.of("BERTH_PROGRESS", "plain"), "info").ok().out();
    assertThat(info)
        .contains("Config File: " + xdg.resolve("berth/config.toml"))
        .contains(" Store Root: " + tmp.resolve("store") + " (config file)")
        .contains(" Progress: plain (BERTH_PROGRESS)")
        .contains(" Runtime: auto (default)");
  }

  @Test
  void theFilesNetworkIsRunsDefault() throws IOException {
    config("root = \"" + tmp.resolve("store") + "\"\nnetwork = \"none\"\n");
    // With no network, a container has only its loopback device.
    String links =
        berth(Map.of(), "run", "--rm", BusyboxBase.IMAGE, "ls", "/sys/class/net").ok().out();
    assertThat(links.strip()).isEqualTo("lo");
  }

  @Test
  void aMistakeInTheFileIsAnErrorAtItsLineAndNothingRuns() throws IOException {
    config("root = \"" + tmp.resolve("store") + "\"\nruntime = \"docker\"\n");
    Berth.Result r = berth(Map.of(), "images");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            xdg.resolve("berth/config.toml")
                + ":2:1: error: runtime must be one of auto, crun, runc, chroot, not 'docker'")
        .doesNotContain("Exception");
  }
}
