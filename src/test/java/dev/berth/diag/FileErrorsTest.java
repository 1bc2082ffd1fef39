package dev.berth.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FileErrorsTest {

  @Test
  void theJdksBarePathsGetTheReasonLsWouldGive() {
    assertThat(FileErrors.describe(new AccessDeniedException("/ctx/secret")))
        .isEqualTo("/ctx/secret: permission denied");
    assertThat(FileErrors.describe(new NoSuchFileException("/ctx/gone")))
        .isEqualTo("/ctx/gone: no such file or directory");
    assertThat(FileErrors.describe(new FileSystemLoopException("/ctx/loop")))
        .isEqualTo("/ctx/loop: too many levels of symbolic links");
    assertThat(
            FileErrors.describe(new FileSystemException("/a", "/b", "Invalid cross-device link")))
        .isEqualTo("/a -> /b: invalid cross-device link");
    assertThat(FileErrors.describe(new IOException("Broken pipe"))).isEqualTo("Broken pipe");
  }

  @Test
  void aLongPathIsShownByItsEnds() {
    String path = "/ctx/" + "a".repeat(4000) + "/end";
    String shown = FileErrors.describe(new FileSystemException(path, null, "File name too long"));
    assertThat(shown)
        .startsWith("/ctx/aaa")
        .contains("…")
        .contains("a/end (4009 characters): file name too long")
        .hasSizeLessThan(200);
  }

  @Test
  void theUsersFilesAtFaultAreInputErrorsAndTheRestFailures() {
    assertThat(FileErrors.kind(new AccessDeniedException("/x")))
        .isEqualTo(ErrorKind.FAILED_PRECONDITION);
    assertThat(FileErrors.kind(new FileSystemLoopException("/x")))
        .isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(FileErrors.kind(new FileSystemException("/x", null, "File name too long")))
        .isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(FileErrors.kind(new NoSuchFileException("/x"))).isEqualTo(ErrorKind.FAILED);
    assertThat(FileErrors.kind(new IOException("disk on fire"))).isEqualTo(ErrorKind.FAILED);
    assertThat(BerthException.wrap("COPY . /c/", new AccessDeniedException("/ctx/s")))
        .hasMessage("COPY . /c/: /ctx/s: permission denied")
        .satisfies(e -> assertThat(e.kind().isInputError()).isTrue());
  }
}
