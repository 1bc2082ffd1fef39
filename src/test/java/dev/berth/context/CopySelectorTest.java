package dev.berth.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopySelectorTest {

  @TempDir Path ctx;

  @BeforeEach
  void context() throws IOException {
    write("app.py", "print(1)\n");
    write("README.md", "readme\n");
    write("notes.txt", "notes\n");
    write("src/pkg/__init__.py", "");
    write("src/pkg/mod.py", "x = 1\n");
    write("src/main.py", "main\n");
    write("conf/a.conf", "a\n");
    write("conf/b.conf", "b\n");
    Files.createDirectories(ctx.resolve("empty"));
  }

  /** sources separated by ';', expected "source->destination" pairs separated by ';'. */
  @ParameterizedTest(name = "[{index}] COPY {0} {1} (WORKDIR {2})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          app.py           | /srv/main.py | /      | app.py->/srv/main.py
          app.py           | /srv/        | /      | app.py->/srv/app.py
          app.py           | .            | /work  | app.py->/work/app.py
          app.py           | out/         | /work  | app.py->/work/out/app.py
          app.py           | out          | /work  | app.py->/work/out
          ./app.py         | /            | /      | app.py->/app.py
          /app.py          | /x           | /      | app.py->/x
          ../../app.py     | /x           | /      | app.py->/x
          src/../app.py    | /x           | /      | app.py->/x
          conf             | /etc/app     | /      | conf->/etc/app;conf/a.conf->/etc/app/a.conf;conf/b.conf->/etc/app/b.conf
          conf/            | /etc/app/    | /      | conf->/etc/app;conf/a.conf->/etc/app/a.conf;conf/b.conf->/etc/app/b.conf
          conf/*.conf      | /etc/        | /      | conf/a.conf->/etc/a.conf;conf/b.conf->/etc/b.conf
          conf/[a]?conf    | /etc/        | /      | conf/a.conf->/etc/a.conf
          conf/?.conf      | /etc/        | /      | conf/a.conf->/etc/a.conf;conf/b.conf->/etc/b.conf
          */a.conf         | /etc/        | /      | conf/a.conf->/etc/a.conf
          *.md;*.txt       | /docs/       | /      | README.md->/docs/README.md;notes.txt->/docs/notes.txt
          app.py;conf      | /opt/        | /      | app.py->/opt/app.py;conf->/opt;conf/a.conf->/opt/a.conf;conf/b.conf->/opt/b.conf
          empty            | /e           | /      | empty->/e
          conf/a.conf      | ../up        | /a/b   | conf/a.conf->/a/up
          """)
  void copiesWithDockerSemantics(String sources, String dest, String workdir, String expected)
      throws Exception {
    CopySelection s =
        CopySelector.select(ctx, List.of(sources.split(";")), dest, workdir, List.of(), p -> false);
    assertThat(s.ops())
        .extracting(o -> o.sourcePath() + "->" + o.destination())
        .containsExactly(expected.split(";"));
  }

  @Test
  void singleFileIntoAnExistingDirectoryLandsInside() throws Exception {
    Predicate<String> dirs = p -> p.equals("/srv");
    CopySelection s =
        CopySelector.select(ctx, List.of("app.py"), "/srv", "/", List.of(), p -> false, dirs);
    assertThat(s.ops()).extracting(CopyOp::destination).containsExactly("/srv/app.py");
  }

  @Test
  void directoryContentsTreeIsSortedWithDirectoriesFirst() throws Exception {
    CopySelection s = CopySelector.select(ctx, List.of("src"), "/app/", "/", List.of(), p -> false);
    assertThat(s.ops())
        .extracting(CopyOp::destination)
        .containsExactly(
            "/app", "/app/main.py", "/app/pkg", "/app/pkg/__init__.py", "/app/pkg/mod.py");
    assertThat(s.ops().get(0).kind()).isEqualTo(FileKind.DIRECTORY);
    assertThat(s.ops().get(1).size()).isEqualTo(5);
  }

  @Test
  void contextRootCopiesEverythingThatIsNotIgnored() throws Exception {
    DockerIgnore ignore = DockerIgnore.parse(".dockerignore", "*.md\nsrc\n!src/pkg/mod.py\nconf");
    CopySelection s = CopySelector.select(ctx, List.of("."), "/app", "/", List.of(), ignore);
    assertThat(s.ops())
        .extracting(CopyOp::sourcePath)
        .containsExactly("", "app.py", "empty", "notes.txt", "src", "src/pkg", "src/pkg/mod.py");
  }

  @Test
  void severalSourcesNeedADestinationEndingInSlash() {
    assertThatThrownBy(
            () ->
                CopySelector.select(
                    ctx, List.of("app.py", "README.md"), "/app", "/", List.of(), p -> false))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.code()).isEqualTo("copy-dest-not-dir");
              assertThat(e.getMessage()).contains("must be a directory and end with a /");
            });
  }

  @Test
  void wildcardMatchingSeveralNeedsADestinationEndingInSlash() {
    assertThatThrownBy(
            () -> CopySelector.select(ctx, List.of("conf/*"), "/app", "/", List.of(), p -> false))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.code()).isEqualTo("copy-dest-not-dir"));
  }

  @Test
  void missingSourceIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                CopySelector.select(
                    ctx, List.of("app.py", "nope/x.py"), "/app/", "/", List.of(), p -> false))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.code()).isEqualTo("copy-source-not-found");
              assertThat(e.getMessage()).contains("\"nope/x.py\"");
              assertThat(e.at(SourceRange.at("Dockerfile", 4, 1)).first().range().startLine())
                  .isEqualTo(4);
            });
  }

  @Test
  void wildcardThatMatchesNothingCopiesNothingAloneOrBesideOthers() throws Exception {
    CopySelection both =
        CopySelector.select(
            ctx, List.of("app.py", "nope/*.py"), "/app/", "/", List.of(), p -> false);
    assertThat(both.ops()).extracting(CopyOp::destination).containsExactly("/app/app.py");
    CopySelection alone =
        CopySelector.select(ctx, List.of("*.nothing"), "/app/", "/", List.of(), p -> false);
    assertThat(alone.ops()).isEmpty();
  }

  @Test
  void ignoredSourceIsNotFoundAndSaysWhy() throws Exception {
    DockerIgnore ignore = DockerIgnore.parse(".dockerignore", "*.md");
    assertThatThrownBy(
            () -> CopySelector.select(ctx, List.of("README.md"), "/x", "/", List.of(), ignore))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.code()).isEqualTo("copy-source-not-found");
              assertThat(e.getMessage()).contains("README.md").contains("excluded");
            });
  }

  @Test
  void excludePatternsApplyRelativeToEachSource() throws Exception {
    CopySelection s =
        CopySelector.select(
            ctx, List.of("src"), "/app/", "/", List.of("**/__init__.py", "main.py"), p -> false);
    assertThat(s.ops())
        .extracting(CopyOp::sourcePath)
        .containsExactly("src", "src/pkg", "src/pkg/mod.py");
    CopySelection w =
        CopySelector.select(ctx, List.of("*.*"), "/d/", "/", List.of("*.md"), p -> false);
    assertThat(w.ops()).extracting(CopyOp::sourcePath).containsExactly("app.py", "notes.txt");
  }

  @Test
  void sourceWhoseOnlyMatchIsExcludedIsAnError() {
    assertThatThrownBy(
            () ->
                CopySelector.select(ctx, List.of("app.py"), "/x", "/", List.of("*.py"), p -> false))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.code()).isEqualTo("copy-source-not-found"));
  }

  @Test
  void excludedDirectoryWithReincludedChildKeepsTheDirectoryAsParent() throws Exception {
    CopySelection s =
        CopySelector.select(
            ctx, List.of("src"), "/app/", "/", List.of("pkg", "!pkg/mod.py"), p -> false);
    assertThat(s.ops())
        .extracting(CopyOp::destination)
        .containsExactly("/app", "/app/main.py", "/app/pkg", "/app/pkg/mod.py");
  }

  @Test
  void symlinksInsideADirectoryStayLinksAndATopLevelLinkIsFollowed() throws Exception {
    Files.createSymbolicLink(ctx.resolve("conf/link"), Path.of("a.conf"));
    Files.createSymbolicLink(ctx.resolve("top"), Path.of("/conf/b.conf"));
    CopySelection dir =
        CopySelector.select(ctx, List.of("conf"), "/c/", "/", List.of(), p -> false);
    CopyOp link =
        dir.ops().stream().filter(o -> o.destination().equals("/c/link")).findFirst().orElseThrow();
    assertThat(link.kind()).isEqualTo(FileKind.SYMLINK);
    assertThat(link.linkTarget()).isEqualTo("a.conf");
    CopySelection top = CopySelector.select(ctx, List.of("top"), "/t/", "/", List.of(), p -> false);
    assertThat(top.ops())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.kind()).isEqualTo(FileKind.FILE);
              // An absolute target resolves inside the context, and the copy keeps the link's name.
              assertThat(o.sourcePath()).isEqualTo("conf/b.conf");
              assertThat(o.destination()).isEqualTo("/t/top");
            });
  }

  @Test
  void symlinkClimbingOutOfTheRootStaysInside() throws Exception {
    Files.createSymbolicLink(ctx.resolve("escape"), Path.of("../../../../etc/hostname"));
    assertThatThrownBy(
            () -> CopySelector.select(ctx, List.of("escape"), "/x", "/", List.of(), p -> false))
        .isInstanceOf(BerthException.class);
  }

  @Test
  void modeBitsAreRecorded() throws Exception {
    Files.setPosixFilePermissions(
        ctx.resolve("app.py"), PosixFilePermissions.fromString("rwxr-x---"));
    CopySelection s = CopySelector.select(ctx, List.of("app.py"), "/x", "/", List.of(), p -> false);
    assertThat(s.ops().get(0).mode()).isEqualTo(0750);
  }

  @Test
  void pipesAndSocketsAreSkippedAndNamedButOneNamedAsTheSourceIsAnError() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", ctx.resolve("conf/pipe").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    try (ServerSocketChannel sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      sock.bind(UnixDomainSocketAddress.of(ctx.resolve("conf/s.sock")));
      CopySelection s = CopySelector.select(ctx, List.of("conf"), "/c", "/", List.of(), p -> false);
      assertThat(s.ops())
          .extracting(CopyOp::sourcePath)
          .containsExactly("conf", "conf/a.conf", "conf/b.conf");
      assertThat(s.skipped()).containsExactly("conf/pipe (a named pipe)", "conf/s.sock (a socket)");

      CopySelection wild =
          CopySelector.select(ctx, List.of("conf/*"), "/c/", "/", List.of(), p -> false);
      assertThat(wild.skipped()).hasSize(2);
      CopySelection ignored =
          CopySelector.select(ctx, List.of("conf"), "/c", "/", List.of("*.sock"), p -> false);
      assertThat(ignored.skipped()).containsExactly("conf/pipe (a named pipe)");
      assertThatThrownBy(
              () ->
                  CopySelector.select(ctx, List.of("conf/pipe"), "/c", "/", List.of(), p -> false))
          .isInstanceOfSatisfying(
              BerthException.class, e -> assertThat(e.code()).isEqualTo("copy-special-file"))
          .hasMessageContaining("source \"conf/pipe\" is a named pipe");
    }
  }

  private void write(String rel, String text) throws IOException {
    Path p = ctx.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
