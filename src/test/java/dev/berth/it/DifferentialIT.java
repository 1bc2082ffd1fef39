package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential suite: every case under {@code src/test/resources/differential/<case>/} is built
 * by berth and by dockerd's legacy builder ({@code DOCKER_BUILDKIT=0 docker build}) from the same
 * context on the same busybox base, and the two images must have the same config (the fields a
 * build sets) and the same flattened file tree (type, mode, owner, size, link target, content; not
 * times).
 *
 * <p>A case's {@code expect} file adds checks of berth's result ({@code path:}, {@code absent:},
 * {@code config:}, {@code fails:}), and {@code against: buildkit ID} where the legacy builder
 * differs from BuildKit: berth follows BuildKit, docker is not asked, and the checks hold berth to
 * BuildKit's documented result. Each ID is an entry of {@code ALLOWLIST} beside the cases, which
 * says what the legacy builder does and why that is not what berth does. A {@code prepare} file is
 * run by {@code sh} in the copied context first, for what git cannot hold (modes, hard links,
 * archives).
 *
 * <p>The base is imported once for the whole suite, the docker builds run beside berth's, and every
 * docker image the suite made is removed by name at the end.
 */
class DifferentialIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CASES = Path.of("src/test/resources/differential");
  private static final String BASE = "busybox-diff:1";
  private static final String DOCKER_PREFIX = "berth-differential/";
  private static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String[] EXTRA_APPLETS = {"ln", "printf", "head", "readlink", "sort"};

  @TempDir static Path tmp;

  private static Path store;
  private static final Map<String, Case> cases = new TreeMap<>();
  private static final Map<String, Future<Built>> dockerBuilds = new LinkedHashMap<>();
  private static final List<String> dockerImages = new ArrayList<>();
  private static final Set<String> stepImages = new LinkedHashSet<>();
  private static final Pattern STEP_IMAGE = Pattern.compile("(?m)^ ---> ([0-9a-f]{12})$");
  private static ExecutorService docker;
  private static Map<String, String> allowlist;

  /** One case as read from its directory, with its context prepared. */
  record Case(String name, Path context, Expect expect) {}

  /** What a case's {@code expect} file asks. */
  record Expect(
      String against,
      String fails,
      List<String> paths,
      List<String> absent,
      Map<String, String> config,
      List<String> buildArgs) {

    static Expect read(Path file) throws IOException {
      String against = "";
      String fails = "";
      List<String> paths = new ArrayList<>();
      List<String> absent = new ArrayList<>();
      Map<String, String> config = new LinkedHashMap<>();
      List<String> args = new ArrayList<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          int colon = line.indexOf(": ");
          String key = line.substring(0, colon);
          String value = line.substring(colon + 2);
          switch (key) {
            case "against" -> against = value;
            case "fails" -> fails = value;
            case "path" -> paths.add(value);
            case "absent" -> absent.add(value);
            case "config" -> config.put(value.split(" ", 2)[0], value.split(" ", 2)[1]);
            case "build-arg" -> args.add(value);
            default -> throw new IllegalArgumentException(file + ": unknown key " + key);
          }
        }
      }
      return new Expect(against, fails, paths, absent, config, args);
    }
  }

  /** A build's outcome: its image, or its failure. */
  record Built(FlatImage image, int exitCode, String output) {}

  @BeforeAll
  static void setUp() throws Exception {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Tools.requireDockerEngine();
    allowlist = readAllowlist();
    store = tmp.resolve("store");
    Path rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    for (String applet : EXTRA_APPLETS) {
      Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
    }
    // One base for both builders, with the PATH BuildKit would add to a base that lacks one.
    berth("import", rootfs.toString(), "busybox-diff-raw:1").ok();
    Path baseCtx = Files.createDirectories(tmp.resolve("base-ctx"));
    Files.writeString(
        baseCtx.resolve("Dockerfile"), "FROM busybox-diff-raw:1\nENV " + DEFAULT_PATH + "\n");
    berth("build", "--progress", "quiet", "-t", BASE, baseCtx.toString()).ok();
    Path tar = tmp.resolve("rootfs.tar");
    Berth.exec("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf", tar.toString(), ".").ok();
    Berth.exec("docker", "import", "--change", "ENV " + DEFAULT_PATH, tar.toString(), BASE).ok();
    dockerImages.add(BASE);

    try (Stream<Path> dirs = Files.list(CASES)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        Path ctx = tmp.resolve("ctx").resolve(name);
        copyTree(dir, ctx);
        Files.deleteIfExists(ctx.resolve("expect"));
        if (Files.exists(ctx.resolve("prepare"))) {
          Berth.Result r =
              Berth.exec(
                  List.of("sh", "-euc", "cd \"$0\" && . ./prepare && rm prepare", ctx.toString()),
                  Map.of());
          assertThat(r.exitCode()).as("prepare of %s: %s", name, r.err()).isZero();
        }
        cases.put(name, new Case(name, ctx, Expect.read(dir.resolve("expect"))));
      }
    }
    docker = Executors.newSingleThreadExecutor();
    for (Case c : cases.values()) {
      if (c.expect().against().isEmpty()) {
        dockerBuilds.put(c.name(), docker.submit(() -> dockerBuild(c)));
      }
    }
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (docker != null) {
      docker.shutdownNow();
    }
    for (String image : dockerImages) {
      Berth.exec("docker", "rmi", "-f", image);
    }
    // Then the step images the legacy builder left untagged (other stages, failed builds); one
    // that another image still builds on is refused, which is fine.
    List<String> steps = new ArrayList<>(stepImages);
    for (int i = steps.size() - 1; i >= 0; i--) {
      Berth.exec("docker", "rmi", steps.get(i));
    }
  }

  @Test
  void everyAllowlistEntryIsUsedByACase() {
    TreeSet<String> used = new TreeSet<>();
    cases.values().stream()
        .filter(c -> !c.expect().against().isEmpty())
        .forEach(c -> used.add(allowlistId(c)));
    assertThat(used).containsAll(allowlist.keySet());
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
  }

  /**
   * The layer wall: 125 COPY steps and a RUN on a one-layer base make 127 layers, more than one
   * page of overlay lowerdir options holds; berth folds the long chain and the RUN sees it all.
   */
  @Test
  void buildsAnImageOf127Layers() throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("layers-127"));
    StringBuilder dockerfile = new StringBuilder("FROM " + BASE + "\n");
    for (int i = 1; i <= 125; i++) {
      Files.writeString(ctx.resolve("f" + i), i + "\n");
      dockerfile.append("COPY f").append(i).append(" /layers/\n");
    }
    dockerfile.append("RUN ls /layers | wc -l > /count && cat /layers/f1 /layers/f125 >> /count\n");
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    berth("build", "--progress", "quiet", "-t", "layers-127:1", ctx.toString()).ok();
    Path archive = tmp.resolve("layers-127.tar");
    berth("save", "-o", archive.toString(), "layers-127:1").ok();
    FlatImage image = FlatImage.read(archive);
    assertThat(image.layers()).isEqualTo(127);
    assertThat(image.tree().get("/count"))
        .isEqualTo("/count file 0644 0:0 size=10 text=\"125\\n1\\n125\\n\"");
    assertThat(image.tree().get("/layers/f64"))
        .isEqualTo("/layers/f64 file 0644 0:0 size=3 text=\"64\\n\"");
  }

  @TestFactory
  Stream<DynamicTest> berthBuildsWhatDockerBuilds() {
    return cases.values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private static void check(Case c) throws Exception {
    Expect e = c.expect();
    Built berth = berthBuild(c);
    dump(c.name() + ".berth", berth);
    if (!e.fails().isEmpty()) {
      assertThat(berth.exitCode()).as("berth must refuse %s", c.name()).isNotZero();
      assertThat(berth.output()).contains(e.fails());
    } else {
      assertThat(berth.exitCode()).as("berth build of %s:\n%s", c.name(), berth.output()).isZero();
      for (String line : e.paths()) {
        String path = line.split(" ", 2)[0];
        assertThat(berth.image().tree().get(path)).as("%s in %s", path, c.name()).isEqualTo(line);
      }
      for (String path : e.absent()) {
        assertThat(berth.image().tree().get(path)).as("%s in %s", path, c.name()).isNull();
      }
      for (Map.Entry<String, String> f : e.config().entrySet()) {
        JsonNode want = JSON.readTree(f.getValue());
        JsonNode got = berth.image().config().get(f.getKey());
        assertThat(got == null ? JSON.nullNode() : got).as("config %s", f.getKey()).isEqualTo(want);
      }
    }
    if (!e.against().isEmpty()) {
      assertThat(allowlist.keySet()).as("allowlist entry of %s", c.name()).contains(allowlistId(c));
      return;
    }
    Built docker = dockerBuilds.get(c.name()).get();
    dump(c.name() + ".docker", docker);
    if (!e.fails().isEmpty()) {
      assertThat(docker.exitCode()).as("docker must refuse %s too", c.name()).isNotZero();
      return;
    }
    assertThat(docker.exitCode()).as("docker build of %s:\n%s", c.name(), docker.output()).isZero();
    assertThat(berth.image().config())
        .as("config of %s", c.name())
        .isEqualTo(docker.image().config());
    assertThat(diff(docker.image().tree(), berth.image().tree()))
        .as("files of %s (- docker, + berth)", c.name())
        .isEmpty();
  }

  /** The entry an {@code against: buildkit ID} line names. */
  private static String allowlistId(Case c) {
    String[] words = c.expect().against().split(" ");
    assertThat(words).as("against: of %s", c.name()).hasSize(2).startsWith("buildkit");
    return words[1];
  }

  /** With {@code DIFFERENTIAL_DUMP=dir}, each result is written there, for writing cases. */
  private static void dump(String name, Built built) throws IOException {
    String dir = System.getenv("DIFFERENTIAL_DUMP");
    if (dir == null || dir.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder("exit " + built.exitCode() + "\n");
    if (built.image() != null) {
      built
          .image()
          .config()
          .forEach((k, v) -> text.append("config: ").append(k).append(' ').append(v).append('\n'));
      built.image().tree().values().forEach(l -> text.append("path: ").append(l).append('\n'));
    } else {
      text.append(built.output());
    }
    Files.createDirectories(Path.of(dir));
    Files.writeString(Path.of(dir, name), text);
  }

  private static List<String> diff(Map<String, String> want, Map<String, String> got) {
    List<String> out = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>(want.keySet());
    all.addAll(got.keySet());
    for (String p : all) {
      String w = want.get(p);
      String g = got.get(p);
      if (w == null || !w.equals(g)) {
        if (w != null) {
          out.add("- " + w);
        }
        if (g != null) {
          out.add("+ " + g);
        }
      }
    }
    return out;
  }

  private static Built berthBuild(Case c) throws IOException {
    String tag = "diff-" + c.name() + ":1";
    List<String> args = new ArrayList<>(List.of("build", "--progress", "plain", "-t", tag));
    c.expect().buildArgs().forEach(a -> args.addAll(List.of("--build-arg", a)));
    args.add(c.context().toString());
    Run build = berth(args.toArray(String[]::new));
    if (build.code() != 0) {
      return new Built(null, build.code(), build.err() + build.out());
    }
    Path archive = tmp.resolve("berth-" + c.name() + ".tar");
    berth("save", "-o", archive.toString(), tag).ok();
    try {
      return new Built(FlatImage.read(archive), 0, build.err());
    } finally {
      Files.deleteIfExists(archive);
    }
  }

  private static Built dockerBuild(Case c) throws IOException {
    String tag = DOCKER_PREFIX + c.name() + ":1";
    synchronized (dockerImages) {
      dockerImages.add(tag);
    }
    List<String> cmd =
        new ArrayList<>(List.of("docker", "build", "--force-rm", "--network", "none"));
    c.expect().buildArgs().forEach(a -> cmd.addAll(List.of("--build-arg", a)));
    cmd.addAll(List.of("-t", tag, c.context().toString()));
    Berth.Result b = Berth.exec(cmd, Map.of("DOCKER_BUILDKIT", "0"));
    // Each step's image, the other stages' included, which no tag keeps alive.
    Matcher step = STEP_IMAGE.matcher(b.out());
    synchronized (dockerImages) {
      while (step.find()) {
        stepImages.add(step.group(1));
      }
    }
    if (b.exitCode() != 0) {
      return new Built(null, b.exitCode(), b.err() + b.out());
    }
    Path archive = tmp.resolve("docker-" + c.name() + ".tar");
    Berth.exec("docker", "save", "-o", archive.toString(), tag).ok();
    try {
      return new Built(FlatImage.read(archive), 0, b.out());
    } finally {
      Files.deleteIfExists(archive);
    }
  }

  /** What an in-process berth run printed and how it ended. */
  record Run(int code, String out, String err) {
    Run ok() {
      assertThat(code).as("berth exit code; stderr: %s", err).isZero();
      return this;
    }
  }

  /** Runs berth in this JVM with the suite's store, which saves a JVM start per command. */
  private static synchronized Run berth(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    full.add(1, "--root");
    full.add(2, store.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.run(full.toArray(String[]::new), o, e, new ByteArrayInputStream(new byte[0]));
    }
    return new Run(code, out.toString(), err.toString());
  }

  /** {@code ID: what the legacy builder does, and why berth does what BuildKit does} lines. */
  private static Map<String, String> readAllowlist() throws IOException {
    Map<String, String> out = new TreeMap<>();
    String id = null;
    for (String line : Files.readAllLines(CASES.resolve("ALLOWLIST"), StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        id = line.substring(3).trim();
        out.put(id, "");
      } else if (id != null && !line.isBlank()) {
        out.put(id, (out.get(id) + " " + line.trim()).trim());
      }
    }
    out.values()
        .forEach(
            reason -> {
              if (reason.isEmpty()) {
                fail("an allowlist entry without its reason");
              }
            });
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createDirectories(t.getParent());
          Files.createSymbolicLink(t, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    }
  }
}
