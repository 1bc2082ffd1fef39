package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store root and the trees images are unpacked in are 0700: no other user walks into them. */
class PrivateDirsTest {

  @TempDir Path tmp;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewStoreIsCreatedOwnerOnly_itsParentsAsUsual() throws IOException {
    Path parent = tmp.resolve("var/lib");
    Path root = parent.resolve("berth");
    try (Store store = Store.open(root)) {
      assertThat(mode(root)).isEqualTo("rwx------");
      assertThat(mode(store.layout().snapshots())).isEqualTo("rwx------");
      assertThat(mode(store.layout().tmp())).isEqualTo("rwx------");
    }
    // A parent berth had to make is left readable, as mkdir -p leaves it.
    assertThat(mode(parent)).endsWith("r-x");
  }

  @Test
  void anExistingOpenStoreIsTightenedOnOpen_andKeepsItsContent() throws IOException {
    Path root = tmp.resolve("store");
    Store.open(root).close();
    Path blob = root.resolve("blobs");
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        root.resolve("snapshots"), PosixFilePermissions.fromString("rwxrwxrwx"));
    try (Store store = Store.open(root)) {
      assertThat(mode(root)).isEqualTo("rwx------");
      assertThat(mode(root.resolve("snapshots"))).isEqualTo("rwx------");
      assertThat(blob).isDirectory();
    }
  }

  @Test
  void anOwnerWithLessThanFullAccessKeepsWhatItHad() throws IOException {
    Path dir = tmp.resolve("d");
    Files.createDirectory(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    PrivateDirs.ensure(dir);
    assertThat(mode(dir)).isEqualTo("r-x------");
  }

  @Test
  void aStoreRootThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(() -> Store.open(file))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION))
        .hasMessageContaining(file + ": not a directory");
  }
}
