package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Digest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instructions beyond the basics (heredocs, ADD of a tar, SHELL, ONBUILD), and interruption. */
class BuildFeaturesIT {

  @TempDir Path tmp;
  Berth berth;
  Path context;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    berth = BusyboxBase.store(tmp.resolve("store"));
    context = Files.createDirectories(tmp.resolve("ctx"));
  }

  private Berth.Result build(String dockerfile, String... args) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    List<String> a = new ArrayList<>(List.of("build", "--progress", "plain"));
    a.addAll(List.of(args));
    a.add(context.toString());
    return berth.run(a.toArray(String[]::new));
  }

  @Test
  void heredocsAddOfATarShellAndConfig() throws IOException {
    Path payload = Files.createDirectories(tmp.resolve("payload/sub"));
    Files.writeString(payload.resolve("data.txt"), "from the tar\n");
    Berth.exec(
            "tar",
            "-czf",
            context.resolve("payload.tar.gz").toString(),
            "-C",
            tmp.resolve("payload").toString(),
            ".")
        .ok();
    String df =
        """
        FROM busybox-it:1
        RUN <<EOF
        echo first > /one.txt
        echo second >> /one.txt
        EOF
        COPY <<EOF /etc/greeting
        hello $NAME
        EOF
        ADD payload.tar.gz /opt/payload/
        SHELL ["/bin/sh", "-c"]
        ENV NAME=world
        RUN cat <<'END' > /two.txt
        literal $NAME
        END
        HEALTHCHECK --interval=30s CMD true
        STOPSIGNAL SIGTERM
        EXPOSE 8080
        LABEL org.example.kind=test
        ONBUILD RUN echo triggered > /triggered.txt
        CMD ["sh", "-c", "cat /one.txt /two.txt /opt/payload/sub/data.txt /etc/greeting"]
        """;
    build(df, "-t", "features:1").ok();
    Berth.Result r = berth.run("run", "--rm", "features:1").ok();
    assertThat(r.out()).isEqualTo("first\nsecond\nliteral $NAME\nfrom the tar\nhello \n");
    String inspect = berth.run("inspect", "features:1").ok().out();
    assertThat(inspect)
        .contains("8080/tcp")
        .contains("org.example.kind")
        .contains("SIGTERM")
        .contains("CMD-SHELL", "true");
    assertThat(inspect).contains("RUN echo triggered > /triggered.txt");

    Berth.Result child =
        build("FROM features:1\nRUN test -f /triggered.txt && echo child ok\n", "-t", "child:1")
            .ok();
    assertThat(child.err()).contains("child ok");
    // The triggers ran in the child and are not passed on: docker's shape shows no OnBuild list.
    assertThat(berth.run("inspect", "--format", "{{json .Config.OnBuild}}", "child:1").ok().out())
        .isEqualTo("null\n");
  }

  @Test
  void aPlatformOtherThanAmd64IsRefused() throws IOException {
    Berth.Result r = build("FROM --platform=linux/arm64 busybox-it:1\nRUN true\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("linux/arm64").contains("only linux/amd64");
  }

  @Test
  void anInterruptedBuildLeavesNoMountAndTheNextBuildWorks() throws Exception {
    Files.writeString(
        context.resolve("Dockerfile"), "FROM busybox-it:1\nRUN echo started && sleep 60\n");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Berth.jar().toString(),
            "build",
            "--progress",
            "plain",
            context.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(Map.of("BERTH_ROOT", tmp.resolve("store").toString()));
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean running = false;
    while (!running && System.nanoTime() < deadline) {
      running =
          Files.readString(Path.of("/proc/self/mountinfo"))
              .contains(tmp.resolve("store").toString());
      Thread.sleep(100);
    }
    // The RUN step's overlay is mounted: the build is inside the step SIGINT must undo.
    assertThat(running).as("the build mounted its RUN step's snapshot within 60 s").isTrue();
    Thread.sleep(500);
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("berth ends after SIGINT").isTrue();
    reader.join(10_000);
    assertThat(p.exitValue()).as(out.toString()).isNotZero();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .doesNotContain(tmp.resolve("store").toString());
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox-it:1\nRUN echo again\n");
    assertThat(berth.run("build", "--progress", "plain", context.toString()).ok().err())
        .contains("again");
  }

  @Test
  void addFromAUrlVerifiesItsChecksum() throws Exception {
    byte[] body = "downloaded content\n".getBytes(StandardCharsets.UTF_8);
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/files/tool.txt",
        exchange -> {
          exchange.getResponseHeaders().add("Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/tool.txt";
      String sum = Digest.sha256(body).toString();
      build("FROM busybox-it:1\nADD --checksum=" + sum + " " + url + " /opt/\n", "-t", "url:1")
          .ok();
      assertThat(berth.run("run", "--rm", "url:1", "cat", "/opt/tool.txt").ok().out())
          .isEqualTo("downloaded content\n");
      assertThat(
              berth
                  .run("run", "--rm", "url:1", "stat", "-c", "%a %Y", "/opt/tool.txt")
                  .ok()
                  .out()
                  .trim())
          .isEqualTo("600 1700000000");

      String wrong = "sha256:" + "0".repeat(64);
      Berth.Result bad =
          build("FROM busybox-it:1\nADD --checksum=" + wrong + " " + url + " /opt/\n");
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.err()).contains("checksum mismatch").contains(sum);
    } finally {
      server.stop(0);
    }
  }
}
