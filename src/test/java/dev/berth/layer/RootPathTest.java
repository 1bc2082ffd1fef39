package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathTest {

  @TempDir Path tmp;
  Path root;
  Path host;
  RootPath paths;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    host = Files.createDirectories(tmp.resolve("host"));
    paths = RootPath.of(root);
  }

  @Test
  void dotDotStopsAtTheRoot() throws IOException {
    assertThat(paths.resolve("../../etc/passwd", true)).isEqualTo("etc/passwd");
    assertThat(paths.resolve("/a/../../..", true)).isEqualTo("");
    assertThat(paths.path("/", true)).isEqualTo(root);
  }

  @Test
  void anAbsoluteLinkStartsAgainAtTheRoot() throws IOException {
    Files.createSymbolicLink(root.resolve("data"), host);
    assertThat(paths.resolve("/data/x", true)).isEqualTo(host.toString().substring(1) + "/x");
    assertThat(paths.path("/data", true)).isEqualTo(root.resolve(host.toString().substring(1)));
  }

  @Test
  void aRelativeLinkThatClimbsStaysInside() throws IOException {
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/up"), Path.of("../../../../../etc"));
    assertThat(paths.resolve("a/b/up/passwd", true)).isEqualTo("etc/passwd");
  }

  @Test
  void theLastLinkIsFollowedOnlyWhenAsked() throws IOException {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    assertThat(paths.resolve("/lib", false)).isEqualTo("lib");
    assertThat(paths.resolve("/lib", true)).isEqualTo("usr/lib");
    assertThat(paths.isDirectory("/lib")).isTrue();
  }

  @Test
  void linksAfterAMissingPartThatDotDotClimbsBackOverAreStillFollowed() throws IOException {
    Files.createSymbolicLink(root.resolve("etc"), host);
    assertThat(paths.resolve("missing/../etc/passwd", true))
        .isEqualTo(host.toString().substring(1) + "/passwd");
  }

  @Test
  void aMissingTailIsKeptAsWritten() throws IOException {
    Files.createSymbolicLink(root.resolve("lib"), Path.of("/usr/lib"));
    assertThat(paths.resolve("/lib/new/file", true)).isEqualTo("usr/lib/new/file");
    assertThat(paths.exists("usr/lib/new/file")).isFalse();
  }

  @Test
  void aLoopIsBadInputWithItsOwnCode() throws IOException {
    Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
    BerthException e =
        catchThrowableOfType(() -> paths.resolve("/a/x", true), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.code()).isEqualTo(RootPath.SYMLINK_LOOP);
    assertThat(e.getMessage()).contains("/a/x");
  }

  @Test
  void aNameLongerThanTheFileSystemTakesIsRefusedWithAShortMessage() {
    BerthException e =
        catchThrowableOfType(
            () -> paths.resolve("/x/" + "b".repeat(3000) + "/y", true), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.code()).isEqualTo(RootPath.NAME_TOO_LONG);
    assertThat(e.getMessage())
        .contains("a name in it is 3000 bytes long; at most 255 are allowed")
        .hasSizeLessThan(400);
  }
}
