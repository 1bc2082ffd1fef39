package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers that live, end to end with real crun, conmon, CNI plugins and iptables: each berth
 * command is its own process, so every container here is started by one berth process and stopped,
 * exec'd into or removed by others. Nothing may be left on the host afterwards.
 */
class ContainerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Berth berth;
  Path store;
  Leaks before;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "containers run through an OCI runtime");
    Tools.require("conmon", "detached containers are supervised by conmon");
    Tools.require("iptables", "the CNI plugins publish ports and masquerade with iptables");
    store = tmp.resolve("store");
    berth = BusyboxBase.store(store);
    Path www = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(www.resolve("index.html"), "hello from web\n");
    before = Leaks.of(store);
  }

  @AfterEach
  void nothingIsLeftBehind() throws IOException {
    berth.run("rm", "-f", "web", "client", "a", "b", "job", "first", "second");
    Leaks.awaitQuiet(store);
    Leaks after = Leaks.of(store);
    assertThat(after.mounts()).as("mounts").isEqualTo(before.mounts());
    assertThat(after.netns()).as("network namespaces").isEqualTo(before.netns());
    assertThat(after.veths()).as("veth devices").isEqualTo(before.veths());
    assertThat(after.rules()).as("iptables rules").isEqualTo(before.rules());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String get(int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    Exception last = null;
    for (int i = 0; i < 50; i++) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
      } catch (IOException e) {
        last = e;
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    throw last;
  }

  private Berth.Result webServer(int port, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--name",
                "web",
                "-p",
                "127.0.0.1:" + port + ":8080",
                "-v",
                tmp.resolve("www") + ":/www:ro"));
    args.addAll(List.of(more));
    args.addAll(List.of(BusyboxBase.IMAGE, "httpd", "-f", "-v", "-p", "8080", "-h", "/www"));
    return berth.run(args.toArray(String[]::new));
  }

  @Test
  void aDetachedWebServerAnswersLogsExecsStopsStartsAndGoesAway() throws Exception {
    int port = freePort();
    String id = webServer(port).ok().out().trim();
    assertThat(id).matches("[0-9a-f]{64}");

    assertThat(berth.run("ps").ok().out()).contains("web").contains("Up ");
    assertThat(get(port)).isEqualTo("hello from web\n");
    assertThat(berth.run("logs", "web").ok().err()).contains("response:200");
    assertThat(berth.run("exec", "web", "cat", "/etc/hostname").ok().out().trim())
        .isEqualTo(id.substring(0, 12));
    JsonNode inspect = JSON.readTree(berth.run("inspect", "web").ok().out()).get(0);
    assertThat(inspect.at("/State/Status").asText()).isEqualTo("running");
    assertThat(inspect.at("/State/Pid").asLong()).isPositive();
    assertThat(inspect.at("/NetworkSettings/Networks/berth/IPAddress").asText())
        .startsWith("10.89.0.");

    long t0 = System.nanoTime();
    berth.run("stop", "-t", "2", "web").ok();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(berth.run("ps", "-a").ok().out()).contains("Exited (137)");
    assertThat(berth.run("ps").ok().out()).doesNotContain("web");
    assertThat(Leaks.of(store).netns()).isEqualTo(before.netns());

    berth.run("start", "web").ok();
    assertThat(get(port)).isEqualTo("hello from web\n");
    berth.run("rm", "-f", "web").ok();
    assertThat(berth.run("ps", "-a").ok().out()).doesNotContain("web");
  }

  @Test
  void containersOnAUserNetworkReachEachOtherByNameAndAlias() throws Exception {
    berth.run("network", "create", "itnet").ok();
    try {
      berth
          .run(
              "run",
              "-d",
              "--name",
              "a",
              "--network",
              "itnet",
              "--network-alias",
              "site",
              "-v",
              tmp.resolve("www") + ":/www:ro",
              BusyboxBase.IMAGE,
              "httpd",
              "-f",
              "-p",
              "8080",
              "-h",
              "/www")
          .ok();
      String page =
          berth
              .run(
                  "run",
                  "--rm",
                  "--name",
                  "b",
                  "--network",
                  "itnet",
                  BusyboxBase.IMAGE,
                  "sh",
                  "-c",
                  "wget -qO- http://a:8080/index.html && wget -qO- http://site:8080/index.html")
              .ok()
              .out();
      assertThat(page).isEqualTo("hello from web\nhello from web\n");
      Berth.Result inUse = berth.run("network", "rm", "itnet");
      assertThat(inUse.exitCode()).isEqualTo(2);
      assertThat(inUse.err()).contains("active endpoints");
      berth.run("rm", "-f", "a").ok();
    } finally {
      berth.run("rm", "-f", "a");
      berth.run("network", "rm", "itnet");
    }
  }

  @Test
  void aNamedVolumeOutlivesItsContainer() throws IOException {
    berth
        .run(
            "run",
            "--name",
            "first",
            "-v",
            "itdata:/data",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            "echo kept > /data/file")
        .ok();
    berth.run("rm", "first").ok();
    assertThat(
            berth
                .run(
                    "run",
                    "--rm",
                    "--name",
                    "second",
                    "-v",
                    "itdata:/data",
                    BusyboxBase.IMAGE,
                    "cat",
                    "/data/file")
                .ok()
                .out())
        .isEqualTo("kept\n");
    assertThat(berth.run("volume", "ls", "-q").ok().out()).contains("itdata");
    berth.run("volume", "rm", "itdata").ok();
  }

  @Test
  void aContainerThatEndsWhileNoBerthRunsShowsItsExitCodeLater() throws Exception {
    berth
        .run(
            "run",
            "-d",
            "--name",
            "job",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            "echo out; echo err >&2; sleep 1; exit 3")
        .ok();
    TimeUnit.SECONDS.sleep(3);
    assertThat(berth.run("ps", "-a", "--filter", "name=job").ok().out()).contains("Exited (3)");
    assertThat(berth.run("wait", "job").ok().out().trim()).isEqualTo("3");
    Berth.Result logs = berth.run("logs", "job").ok();
    assertThat(logs.out()).isEqualTo("out\n");
    assertThat(logs.err()).isEqualTo("err\n");
    // conmon's exit command took it down already: no namespace, no mount.
    assertThat(Leaks.of(store).netns()).isEqualTo(before.netns());
    assertThat(Leaks.of(store).mounts()).isEqualTo(before.mounts());
  }

  @Test
  void badRequestsAreOneLineErrorsAndChangeNothing() throws Exception {
    Berth.Result unknown = berth.run("stop", "nosuch");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().trim()).isEqualTo("berth: No such container: nosuch");

    int port = freePort();
    webServer(port).ok();
    Berth.Result taken = berth.run("run", "-d", "--name", "web", BusyboxBase.IMAGE, "true");
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.err()).contains("is already in use");

    Berth.Result portTaken =
        berth.run(
            "run",
            "-d",
            "--name",
            "client",
            "-p",
            "127.0.0.1:" + port + ":8080",
            BusyboxBase.IMAGE,
            "sleep",
            "30");
    assertThat(portTaken.exitCode()).as(portTaken.err()).isNotZero();
    assertThat(berth.run("ps").ok().out()).doesNotContain("client");

    assertThat(berth.run("start", "web").ok().out().trim()).isEqualTo("web");
    Berth.Result running = berth.run("rm", "web");
    assertThat(running.exitCode()).isEqualTo(2);
    assertThat(running.err()).contains("container is running");

    berth.run("stop", "-t", "1", "web").ok();
    Berth.Result stopped = berth.run("exec", "web", "true");
    assertThat(stopped.exitCode()).isEqualTo(2);
    assertThat(stopped.err()).contains("is not running");
    berth.run("rm", "client");
  }

  @Test
  void twentyStartStopRemoveCyclesLeakNothing() throws Exception {
    int port = freePort();
    for (int i = 0; i < 20; i++) {
      webServer(port, "--init").ok();
      berth.run("stop", "-t", "5", "web").ok();
      berth.run("rm", "web").ok();
    }
    assertThat(Leaks.of(store)).isEqualTo(before);
  }

  @Test
  void killingBerthMidRunLeavesAContainerThatRmCanRemove() throws Exception {
    int port = freePort();
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Berth.jar().toString(),
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            "127.0.0.1:" + port + ":8080",
            BusyboxBase.IMAGE,
            "httpd",
            "-f",
            "-p",
            "8080");
    for (int delayMs : new int[] {300, 600, 900}) {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(Map.of("BERTH_ROOT", store.toString()));
      Process p = pb.start();
      TimeUnit.MILLISECONDS.sleep(delayMs);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      // Whatever moment it died at, the container is either absent or listed, and removable.
      berth.run("ps", "-a").ok();
      berth.run("rm", "-f", "web");
      assertThat(berth.run("ps", "-a").ok().out()).doesNotContain("web");
      assertThat(Leaks.of(store)).as("after a kill at %d ms", delayMs).isEqualTo(before);
    }
  }
}
