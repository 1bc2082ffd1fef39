package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth compose end to end: the seed's compose file, verbatim, building both targets of the example
 * in one run; and a two-service project brought up, checked and taken down again with real
 * containers, networks and health checks.
 */
class ComposeIT {

  @TempDir Path tmp;

  private static Berth.Result compose(Path store, Path dir, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Berth.jar().toString());
    cmd.add("compose");
    cmd.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(env);
    all.put("BERTH_ROOT", store.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("DOCKER_IMAGE");
    pb.environment().remove("UID");
    pb.environment().putAll(all);
    Path out = Files.createTempFile("compose-", ".out");
    Path err = Files.createTempFile("compose-", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      int code = pb.start().waitFor();
      return new Berth.Result(code, Files.readString(out), Files.readString(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void theSeedsComposeFileBuildsBothTargetsInOneRunSharingTheBuilderSteps() throws Exception {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Berth berth = PythonBases.store();
    Path store = PythonBases.root();
    Path project = tmp.resolve("seedproj");
    Berth.exec(
            "cp",
            "-a",
            Path.of("examples/python-poetry").toAbsolutePath().toString(),
            project.toString())
        .ok();
    Files.copy(
        Path.of("examples/seed/compose.yaml"),
        project.resolve("compose.yaml"),
        StandardCopyOption.REPLACE_EXISTING);

    Berth.Result missing = compose(store, project, Map.of(), "build");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .contains("compose.yaml:5:")
        .contains("required variable DOCKER_IMAGE is missing a value: Variable not set");

    Berth.Result built =
        compose(
            store,
            project,
            Map.of("DOCKER_IMAGE", "seedit"),
            "build",
            "--no-cache",
            "--progress",
            "plain");
    assertThat(built.exitCode()).as(built.err()).isZero();
    assertThat(built.err()).contains("WARN[0000]").contains("`version` is obsolete");
    // The builder stage's steps are shared: each runs once; the other build gets it CACHED.
    Matcher m =
        Pattern.compile("#(\\d+) \\[[a-z]+ builder \\d+/\\d+\\] RUN pipx ensurepath")
            .matcher(built.err());
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    assertThat(ids).hasSize(2);
    long cached = ids.stream().filter(id -> built.err().contains("#" + id + " CACHED")).count();
    assertThat(cached).isEqualTo(1);
    assertThat(berth.run("images").ok().out()).contains("seedit").contains("latest-builder");
    assertThat(
            berth.run("run", "--rm", "--entrypoint", "id", "seedit:latest", "-u").ok().out().trim())
        .isEqualTo("1000");

    Files.writeString(project.resolve(".env"), "UID=1234\n");
    compose(store, project, Map.of("DOCKER_IMAGE", "seedit"), "build", "app").ok();
    assertThat(
            berth.run("run", "--rm", "--entrypoint", "id", "seedit:latest", "-u").ok().out().trim())
        .isEqualTo("1234");
    berth.run("rmi", "seedit:latest", "seedit:latest-builder");
  }

  @Test
  void upStartsAHealthyWebThenItsClientAndDownLeavesNothing() throws Exception {
    Tools.require("crun", "containers run through an OCI runtime");
    Tools.require("conmon", "detached containers are supervised by conmon");
    Path store = tmp.resolve("store");
    BusyboxBase.store(store);
    Path project = Files.createDirectories(tmp.resolve("webapp"));
    Files.createDirectories(project.resolve("www"));
    Files.writeString(project.resolve("www/index.html"), "page from web\n");
    String file =
        """
        services:
          web:
            image: busybox-it:1
            command: ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
            volumes:
              - ./www:/www:ro
            healthcheck:
              test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/index.html"]
              interval: 1s
              retries: 20
          client:
            image: busybox-it:1
            command: ["sh", "-c", "wget -qO- http://web:8080/index.html; sleep 60"]
            environment:
              LEVEL: "1"
            depends_on:
              web:
                condition: service_healthy
        volumes:
          cache: {}
        """;
    Files.writeString(project.resolve("compose.yaml"), file);
    Leaks before = Leaks.of(store);
    try {
      compose(store, project, Map.of(), "up", "-d").ok();
      Berth.Result ps = compose(store, project, Map.of(), "ps").ok();
      assertThat(ps.out())
          .contains("webapp-web-1")
          .contains("webapp-client-1")
          .contains("(healthy)");
      waitForLog(store, project, "webapp-client-1  | page from web");
      // httpd -v logs each response on stderr, which compose logs prints on stdout as well.
      // Names are padded to the longest one, webapp-client-1's.
      waitForLog(store, project, "webapp-web-1     | ");

      Berth berth = new Berth(store);
      String webId = berth.run("ps", "-q", "--filter", "name=webapp-web-1").ok().out().trim();
      String clientId = berth.run("ps", "-q", "--filter", "name=webapp-client-1").ok().out().trim();
      Files.writeString(
          project.resolve("compose.yaml"), file.replace("LEVEL: \"1\"", "LEVEL: \"2\""));
      Berth.Result again = compose(store, project, Map.of(), "up", "-d").ok();
      assertThat(again.err()).contains("webapp-web-1 Running").contains("webapp-client-1 Recreate");
      assertThat(berth.run("ps", "-q", "--filter", "name=webapp-web-1").ok().out().trim())
          .isEqualTo(webId);
      assertThat(berth.run("ps", "-q", "--filter", "name=webapp-client-1").ok().out().trim())
          .isNotEqualTo(clientId);
    } finally {
      compose(store, project, Map.of(), "down", "-v").ok();
      Leaks.awaitQuiet(store);
    }
    assertThat(new Berth(store).run("ps", "-a").ok().out()).doesNotContain("webapp");
    assertThat(new Berth(store).run("network", "ls").ok().out()).doesNotContain("webapp_default");
    assertThat(new Berth(store).run("volume", "ls", "-q").ok().out())
        .doesNotContain("webapp_cache");
    assertThat(Leaks.of(store)).isEqualTo(before);
  }

  @Test
  void upInTheForegroundRestartsAFailingServiceAsItsPolicySaysThenEnds() throws Exception {
    Tools.require("crun", "containers run through an OCI runtime");
    Tools.require("conmon", "containers are supervised by conmon");
    Path store = tmp.resolve("store");
    BusyboxBase.store(store);
    Path project = Files.createDirectories(tmp.resolve("flaky"));
    Files.writeString(
        project.resolve("compose.yaml"),
        """
        services:
          flaky:
            image: busybox-it:1
            command: ["sh", "-c", "echo attempt; exit 3"]
            restart: on-failure:2
          once:
            image: busybox-it:1
            command: ["echo", "done once"]
        """);
    Leaks before = Leaks.of(store);
    try {
      Berth.Result up = compose(store, project, Map.of(), "up").ok();
      // Started, then restarted twice: three runs, each ending as compose reports it.
      assertThat(Pattern.compile("flaky-flaky-1 +\\| attempt").matcher(up.out()).results().count())
          .isEqualTo(3);
      assertThat(up.out().lines().filter("flaky-flaky-1 exited with code 3"::equals).count())
          .isEqualTo(3);
      assertThat(up.out()).contains("| done once").contains("flaky-once-1 exited with code 0");
      assertThat(up.out().lines().filter(l -> l.startsWith("flaky-once-1 exited")).count())
          .isEqualTo(1);
    } finally {
      compose(store, project, Map.of(), "down").ok();
      Leaks.awaitQuiet(store);
    }
    assertThat(Leaks.of(store)).isEqualTo(before);
    Files.writeString(
        project.resolve("compose.yaml"),
        "services:\n  flaky:\n    image: busybox-it:1\n    restart: sometimes\n");
    Berth.Result bad = compose(store, project, Map.of(), "up");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("compose.yaml:4").contains("invalid restart policy 'sometimes'");
  }

  private static String waitForLog(Path store, Path project, String expected) throws Exception {
    String logs = "";
    for (int i = 0; i < 100 && !logs.contains(expected); i++) {
      logs = compose(store, project, Map.of(), "logs").ok().out();
      Thread.sleep(100);
    }
    assertThat(logs).contains(expected);
    return logs;
  }

  @Test
  void aBuildTargetThatIsNoStageIsRefusedAtItsServiceListingTheStages() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch AS base\nFROM base AS app\n");
    Files.writeString(
        project.resolve("compose.yaml"),
        "services:\n  app:\n    build:\n      context: .\n      target: nope\n");
    Berth.Result r = compose(tmp.resolve("store2"), project, Map.of(), "build");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("compose.yaml:2:")
        .contains("services.app.build.target")
        .contains("its stages are: base, app");
  }
}
