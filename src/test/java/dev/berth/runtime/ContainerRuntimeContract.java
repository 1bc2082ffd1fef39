package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.mount.MountSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link ContainerRuntime} meets, run against each implementation on a busybox
 * root. A subclass whose tool is missing is skipped, or fails in CI ({@code
 * BERTH_REQUIRE_TOOLS=1}).
 */
abstract class ContainerRuntimeContract {

  @TempDir Path tmp;
  Path bundles;
  Path rootfs;
  ContainerRuntime runtime;

  /** The runtime under test writing bundles below {@code bundles}, or empty when not installed. */
  abstract Optional<ContainerRuntime> runtime(Path bundles);

  abstract String tool();

  @BeforeEach
  void setUp() throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    bundles = tmp.resolve("bundles");
    Optional<ContainerRuntime> r = root ? runtime(bundles) : Optional.empty();
    String why = root ? tool() + " is not installed" : "containers need root";
    if (r.isEmpty() && "1".equals(System.getenv("BERTH_REQUIRE_TOOLS"))) {
      fail(why + ", but CI requires the " + tool() + " runtime to be tested");
    }
    assumeTrue(r.isPresent(), why + ", so the " + tool() + " runtime contract was skipped");
    runtime = r.get();
    rootfs = BusyboxRoot.create(tmp.resolve("rootfs"));
  }

  /** Output of one run with empty stdin. */
  record Run(ExitStatus status, String out, String err) {}

  Run run(ProcessSpec spec, RootFs root, String stdin) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayInputStream in =
        stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    ExitStatus status = runtime.run(spec, root, Stdio.streams(in, out, err));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run sh(String script) throws Exception {
    return run(spec(script), RootFs.directory(rootfs), null);
  }

  static ProcessSpec spec(String script, String... more) {
    List<String> args = new ArrayList<>(List.of("sh", "-c", script));
    args.addAll(Arrays.asList(more));
    return ProcessSpec.of(args).withEnv(List.of("PATH=/bin"));
  }

  @Test
  void exitCodesPassThrough() throws Exception {
    assertThat(sh("exit 0").status()).isEqualTo(new ExitStatus(0, false));
    assertThat(sh("exit 3").status().code()).isEqualTo(3);
    ExitStatus killed = sh("sh -c 'kill -9 $$'; exit $?").status();
    assertThat(killed.code()).isEqualTo(137);
    assertThat(killed.signal()).hasValue(9);
    assertThat(killed.timedOut()).isFalse();
  }

  @Test
  void stdoutAndStderrAreSeparate() throws Exception {
    Run r = sh("echo to-out; echo to-err >&2");
    assertThat(r.out()).isEqualTo("to-out\n");
    assertThat(r.err()).isEqualTo("to-err\n");
  }

  @Test
  void stdinReachesTheProcess() throws Exception {
    Run r = run(ProcessSpec.of(List.of("cat")), RootFs.directory(rootfs), "line one\nline two\n");
    assertThat(r.out()).isEqualTo("line one\nline two\n");
    assertThat(r.status().code()).isZero();
  }

  @Test
  void outputArrivesLineByLine() throws Exception {
    List<String> lines = new ArrayList<>();
    ExitStatus s =
        runtime.run(
            spec("echo a; echo b >&2; printf 'no newline'"),
            RootFs.directory(rootfs),
            Stdio.lines((channel, text) -> lines.add(channel + ":" + text)));
    assertThat(s.code()).isZero();
    assertThat(lines).containsExactlyInAnyOrder("STDOUT:a", "STDERR:b", "STDOUT:no newline");
  }

  @Test
  void envCwdAndHomeAreApplied() throws Exception {
    ProcessSpec spec =
        spec("echo \"$FOO|$(pwd)|$HOME\"")
            .withEnv(List.of("PATH=/bin", "FOO=bar baz"))
            .withCwd("/tmp");
    assertThat(run(spec, RootFs.directory(rootfs), null).out()).isEqualTo("bar baz|/tmp|/root\n");
    ProcessSpec ownHome = spec.withEnv(List.of("PATH=/bin", "FOO=x", "HOME=/elsewhere"));
    assertThat(run(ownHome, RootFs.directory(rootfs), null).out()).isEqualTo("x|/tmp|/elsewhere\n");
  }

  @Test
  void userByNameGetsItsGroupsAndHome() throws Exception {
    ProcessSpec spec =
        spec("echo $(id -u) $(id -g) $(id -G) $HOME").withUser(UserSpec.parse("alice"));
    assertThat(run(spec, RootFs.directory(rootfs), null).out())
        .isEqualTo("1000 1000 1000 50 /home/alice\n");
  }

  @Test
  void userByNumbersNeedsNoPasswdEntry() throws Exception {
    ProcessSpec spec =
        spec("echo $(id -u) $(id -g) $(id -G)").withUser(UserSpec.parse("1234:4321"));
    assertThat(run(spec, RootFs.directory(rootfs), null).out()).isEqualTo("1234 4321 4321\n");
    ProcessSpec uidOnly = spec.withUser(UserSpec.parse("1234"));
    assertThat(run(uidOnly, RootFs.directory(rootfs), null).out()).isEqualTo("1234 0 0\n");
    ProcessSpec named = spec.withUser(UserSpec.parse("alice:staff"));
    assertThat(run(named, RootFs.directory(rootfs), null).out()).isEqualTo("1000 50 50\n");
  }

  @Test
  void unknownUserOrGroupIsAClearError() {
    assertThatThrownBy(
            () -> run(spec("id").withUser(UserSpec.parse("bob")), RootFs.directory(rootfs), null))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("unable to find user bob");
    assertThatThrownBy(
            () ->
                run(
                    spec("id").withUser(UserSpec.parse("alice:wheel")),
                    RootFs.directory(rootfs),
                    null))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("unable to find group wheel");
  }

  @Test
  void networkNoneHasOnlyLoopback() throws Exception {
    ProcessSpec spec =
        spec("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '").withNetwork(NetworkMode.NONE);
    assertThat(run(spec, RootFs.directory(rootfs), null).out()).isEqualTo("lo\n");
    ProcessSpec host = spec.withNetwork(NetworkMode.HOST);
    assertThat(run(host, RootFs.directory(rootfs), null).out().lines().count())
        .isEqualTo(Files.readAllLines(Path.of("/proc/net/dev")).size() - 2);
  }

  @Test
  void hostsIsGeneratedAndTheImageFileIsUnchanged() throws Exception {
    String before = Files.readString(rootfs.resolve("etc/hosts"));
    ProcessSpec spec =
        spec("cat /etc/hosts; hostname; echo changed >> /etc/hosts").withHostname("builder7");
    Run r = run(spec, RootFs.directory(rootfs), null);
    assertThat(r.out())
        .contains("127.0.0.1\tlocalhost")
        .contains("\tbuilder7\n")
        .endsWith("builder7\n");
    assertThat(r.out()).doesNotContain("image's own hosts");
    assertThat(Files.readString(rootfs.resolve("etc/hosts"))).isEqualTo(before);
  }

  @Test
  void overlayRootWritesLandInTheUpperDir() throws Exception {
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    RootFs overlay = overlay(rootfs, upper, work);
    Run r = run(spec("echo new > /tmp/new.txt && rm /etc/motd && cat /tmp/new.txt"), overlay, null);
    assertThat(r.out()).isEqualTo("new\n");
    assertThat(upper.resolve("tmp/new.txt")).hasContent("new");
    assertThat(rootfs.resolve("tmp/new.txt")).doesNotExist();
    assertThat(rootfs.resolve("etc/motd")).exists();
    assertNothingMounted();
  }

  @Test
  void extraBindMountIsVisible() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("f.txt"), "from the host\n");
    ProcessSpec spec =
        spec("cat /mnt/data/f.txt; touch /mnt/data/g 2>/dev/null && echo writable || echo"
                + " read-only")
            .withExtraMounts(
                List.of(new MountSpec("bind", data.toString(), "/mnt/data", List.of("ro"))));
    assertThat(run(spec, RootFs.directory(rootfs), null).out())
        .isEqualTo("from the host\nread-only\n");
    assertNothingMounted();
  }

  @Test
  void timeoutKillsTheProcess() throws Exception {
    long start = System.nanoTime();
    ProcessSpec spec =
        spec("echo started; sleep 60; echo not reached").withTimeout(Duration.ofSeconds(1));
    Run r = run(spec, RootFs.directory(rootfs), null);
    assertThat(r.status()).isEqualTo(new ExitStatus(137, true));
    assertThat(r.out()).isEqualTo("started\n");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertNothingMounted();
  }

  @Test
  void interruptKillsTheProcess() throws Exception {
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                Thread.sleep(1000);
              } catch (InterruptedException e) {
                return;
              }
              caller.interrupt();
            });
    interrupter.start();
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                runtime.run(
                    spec("sleep 60"),
                    overlay(
                        rootfs,
                        Files.createDirectories(tmp.resolve("u")),
                        Files.createDirectories(tmp.resolve("w"))),
                    Stdio.lines((c, t) -> {})))
        .isInstanceOf(InterruptedException.class);
    Thread.interrupted();
    interrupter.join();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertNothingMounted();
  }

  @Test
  void nothingStaysMountedWhenTheProcessOrSetupFails() throws Exception {
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    RootFs overlay = overlay(rootfs, upper, work);
    assertThat(run(spec("exit 1"), overlay, null).status().code()).isEqualTo(1);
    assertNothingMounted();
    assertThat(run(ProcessSpec.of(List.of("/no/such/program")), overlay, null).status().code())
        .isNotZero();
    assertNothingMounted();
    assertThatThrownBy(() -> run(spec("id").withUser(UserSpec.parse("bob")), overlay, null))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertNothingMounted();
    assertThat(bundles).isEmptyDirectory();
  }

  @Test
  void ttyGivesTheProcessATerminal() throws Exception {
    ProcessSpec spec = spec("[ -t 0 ] && [ -t 1 ] && echo terminal").withTty(true);
    Run r = run(spec, RootFs.directory(rootfs), "");
    // The terminal echoes what it is sent (an end of input shows as a control character).
    assertThat(r.out().replace("\r", "")).contains("terminal\n");
    assertThat(r.status().code()).isZero();
  }

  /** A container whose init waits in a loop until told to stop, so tests can exec into it. */
  RunningContainer startWaiting(RootFs root) throws Exception {
    String init =
        "trap 'echo stopping; exit 7' TERM; echo up > /tmp/up; while true; do sleep 0.05; done";
    return runtime.start(
        spec(init).withHostname("seam"),
        root,
        Stdio.streams(null, new ByteArrayOutputStream(), new ByteArrayOutputStream()));
  }

  Run exec(RunningContainer c, ExecSpec e) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExitStatus status = c.exec(e, Stdio.streams(null, out, err));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static ExecSpec execSpec(String script) {
    return new ExecSpec(
        List.of("sh", "-c", script), List.of("PATH=/bin"), "/", UserSpec.ROOT, false);
  }

  @Test
  void execRunsBesideTheInitInItsNamespacesWithItsOwnUserEnvAndCwd() throws Exception {
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    try (RunningContainer c = startWaiting(overlay(rootfs, upper, work))) {
      Run seen = null;
      for (int i = 0; i < 100; i++) {
        seen = exec(c, execSpec("cat /tmp/up && hostname"));
        if (seen.status().code() == 0) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(seen.out()).isEqualTo("up\nseam\n");
      Run as =
          exec(
              c,
              new ExecSpec(
                  List.of("sh", "-c", "id -u; pwd; echo $GREETING"),
                  List.of("PATH=/bin", "GREETING=hi"),
                  "/tmp",
                  UserSpec.parse("alice"),
                  false));
      assertThat(as.out()).isEqualTo("1000\n/tmp\nhi\n");
      assertThat(exec(c, execSpec("exit 5")).status().code()).isEqualTo(5);
      // The init is the only other process the exec sees: they share one pid namespace.
      assertThat(exec(c, execSpec("ls /proc | grep -c '^[0-9]'")).out().trim()).isNotEqualTo("1");
    }
    assertNothingMounted();
  }

  @Test
  void signalReachesTheInitAndWaitGivesItsExitCode() throws Exception {
    try (RunningContainer c = startWaiting(RootFs.directory(rootfs))) {
      for (int i = 0; i < 100 && !Files.exists(rootfs.resolve("tmp/up")); i++) {
        Thread.sleep(50);
      }
      c.signal(15);
      assertThat(c.waitFor(Optional.of(Duration.ofSeconds(10))).code()).isEqualTo(7);
      assertThatThrownBy(() -> c.exec(execSpec("true"), Stdio.lines((ch, t) -> {})))
          .isInstanceOfSatisfying(
              BerthException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION));
    }
    assertNothingMounted();
    assertThat(bundles).isEmptyDirectory();
  }

  @Test
  void closingARunningContainerKillsItAndUndoesItsMounts() throws Exception {
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    long start = System.nanoTime();
    RunningContainer c = startWaiting(overlay(rootfs, upper, work));
    c.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertNothingMounted();
    assertThat(bundles).isEmptyDirectory();
  }

  static RootFs overlay(Path lower, Path upper, Path work) {
    return RootFs.mounts(
        List.of(
            new MountSpec(
                "overlay",
                "overlay",
                "/",
                List.of("lowerdir=" + lower, "upperdir=" + upper, "workdir=" + work))));
  }

  void assertNothingMounted() throws IOException {
    List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
    assertThat(mounts)
        .noneMatch(l -> l.contains(bundles.toString()) || l.contains(rootfs.toString()));
  }
}
