package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth dev end to end on a busybox image: the result line, the lifecycle hooks in their three
 * forms (an object's entries in parallel), once-only hooks, a failing hook, rebuild detection, a
 * local Feature, and nothing left after down.
 */
class DevContainerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path store;
  Path workspace;
  Leaks before;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "dev containers run through an OCI runtime");
    Tools.require("conmon", "dev containers are supervised by conmon");
    store = tmp.resolve("store");
    BusyboxBase.store(store);
    workspace = Files.createDirectories(tmp.resolve("proj"));
    Files.createDirectories(workspace.resolve(".devcontainer"));
    before = Leaks.of(store);
  }

  @AfterEach
  void down() throws IOException {
    dev("down", "--remove");
    Leaks.awaitQuiet(store);
    assertThat(Leaks.of(store)).isEqualTo(before);
  }

  private Berth.Result dev(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Berth.jar().toString());
    cmd.add("dev");
    cmd.add(args[0]);
    cmd.add("--workspace-folder");
    cmd.add(workspace.toString());
    cmd.addAll(List.of(args).subList(1, args.length));
    return Berth.exec(cmd, Map.of("BERTH_ROOT", store.toString()));
  }

  private void config(String json) throws IOException {
    Files.writeString(workspace.resolve(".devcontainer/devcontainer.json"), json);
  }

  private List<String> hookLog() throws IOException {
    return dev("logs").ok().out().lines().toList();
  }

  @Test
  void hooksRunInTheirFormsOnceEachAndAnObjectsEntriesInParallel() throws Exception {
    config(
        """
        {
          // JSONC: comments and a trailing comma
          "image": "busybox-it:1",
          "onCreateCommand": "echo on-create > /tmp/on-create",
          "updateContentCommand": ["sh", "-c", "echo update"],
          "postCreateCommand": {
            "one": "sleep 1; echo one",
            "two": ["sh", "-c", "sleep 1; echo two"]
          },
          "postAttachCommand": "echo attached",
          "containerEnv": {"GREETING": "hello"},
          "remoteEnv": {"REMOTE": "${containerEnv:GREETING}-world"},
        }
        """);
    Berth.Result up = dev("up").ok();
    JsonNode result = JSON.readTree(up.out().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(result.path("outcome").asText()).isEqualTo("success");
    assertThat(result.path("containerId").asText()).matches("[0-9a-f]{64}");
    assertThat(result.path("remoteWorkspaceFolder").asText()).isEqualTo("/workspaces/proj");

    assertThat(dev("exec", "sh", "-c", "cat /tmp/on-create; echo $REMOTE; pwd").ok().out())
        .isEqualTo("on-create\nhello-world\n/workspaces/proj\n");
    Files.writeString(workspace.resolve("from-host"), "x");
    assertThat(dev("exec", "cat", "from-host").ok().out()).isEqualTo("x");

    List<String> log = hookLog();
    Instant oneStart = at(log, "postCreateCommand:one started");
    Instant twoStart = at(log, "postCreateCommand:two started");
    Instant oneEnd = at(log, "postCreateCommand:one exited");
    Instant twoEnd = at(log, "postCreateCommand:two exited");
    // Two 1-second sleeps side by side end well before they would one after the other.
    Instant first = oneStart.isBefore(twoStart) ? oneStart : twoStart;
    Instant last = oneEnd.isAfter(twoEnd) ? oneEnd : twoEnd;
    assertThat(Duration.between(first, last)).isLessThan(Duration.ofMillis(1800));

    dev("up").ok();
    List<String> again = hookLog();
    assertThat(again.stream().filter(l -> l.contains("onCreateCommand started"))).hasSize(1);
    assertThat(again.stream().filter(l -> l.contains("postCreateCommand:one started"))).hasSize(1);
    assertThat(again.stream().filter(l -> l.contains("postAttachCommand started"))).hasSize(2);
  }

  private static Instant at(List<String> log, String what) {
    String line =
        log.stream()
            .filter(l -> l.contains(what))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no '" + what + "' in the hook log:\n" + String.join("\n", log)));
    return Instant.parse(line.substring(0, line.indexOf(' ')));
  }

  @Test
  void aFailingHookStopsTheLaterOnesAndUpSaysSo() throws IOException {
    config(
        """
        {"image": "busybox-it:1",
         "onCreateCommand": "echo failing; exit 3",
         "postCreateCommand": "echo never"}
        """);
    Berth.Result up = dev("up");
    assertThat(up.exitCode()).isEqualTo(1);
    assertThat(up.err()).contains("onCreateCommand failed with exit code 3");
    JsonNode result = JSON.readTree(up.out().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(result.path("outcome").asText()).isEqualTo("error");
    assertThat(hookLog()).noneMatch(l -> l.contains("postCreateCommand"));
  }

  @Test
  void aChangedConfigRecreatesTheContainerAndSaysWhy() throws IOException {
    config("{\"image\": \"busybox-it:1\", \"containerEnv\": {\"LEVEL\": \"1\"}}");
    String first = JSON.readTree(lastLine(dev("up").ok())).path("containerId").asText();
    config("{\"image\": \"busybox-it:1\", \"containerEnv\": {\"LEVEL\": \"2\"}}");
    Berth.Result again = dev("up").ok();
    assertThat(again.err()).contains("containerEnv changed");
    String second = JSON.readTree(lastLine(again)).path("containerId").asText();
    assertThat(second).isNotEqualTo(first);
    assertThat(dev("exec", "sh", "-c", "echo $LEVEL").ok().out()).isEqualTo("2\n");
  }

  @Test
  void capAddReachesTheContainer() throws IOException {
    config("{\"image\": \"busybox-it:1\", \"capAdd\": [\"NET_ADMIN\"]}");
    dev("up").ok();
    String status = dev("exec", "cat", "/proc/self/status").ok().out();
    String eff =
        status.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7);
    // CAP_NET_ADMIN is capability 12, which berth's default set leaves out.
    assertThat(Long.parseLong(eff.strip(), 16) & (1L << 12)).isNotZero();
  }

  private static String lastLine(Berth.Result r) {
    return r.out().lines().reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aLocalFeatureInstallsAndItsContainerEnvReachesExec() throws IOException {
    Path feature = Files.createDirectories(workspace.resolve(".devcontainer/greeter"));
    Files.writeString(
        feature.resolve("devcontainer-feature.json"),
        """
        {"id": "greeter", "version": "1.0.0",
         "options": {"greeting": {"type": "string", "default": "hi"}},
         "containerEnv": {"GREETER_HOME": "/opt/greeter"}}
        """);
    Files.writeString(
        feature.resolve("install.sh"),
        "#!/bin/sh\nset -e\nmkdir -p /opt/greeter\necho \"$GREETING\" > /opt/greeter/greeting\n");
    config(
        """
        {"image": "busybox-it:1",
         "features": {"./greeter": {"greeting": "ahoy"}}}
        """);
    dev("up").ok();
    assertThat(dev("exec", "sh", "-c", "cat $GREETER_HOME/greeting").ok().out())
        .isEqualTo("ahoy\n");
  }

  @Test
  void noConfigAndSeveralConfigsAreClearErrors() throws IOException {
    Berth.Result none = dev("up");
    assertThat(none.exitCode()).isEqualTo(2);
    Files.createDirectories(workspace.resolve(".devcontainer/a"));
    Files.createDirectories(workspace.resolve(".devcontainer/b"));
    Files.writeString(workspace.resolve(".devcontainer/a/devcontainer.json"), "{\"image\":\"x\"}");
    Files.writeString(workspace.resolve(".devcontainer/b/devcontainer.json"), "{\"image\":\"x\"}");
    Berth.Result several = dev("up");
    assertThat(several.exitCode()).isEqualTo(2);
    assertThat(several.err()).contains("a/devcontainer.json").contains("b/devcontainer.json");
  }
}
