package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceNodeTest {

  @TempDir Path tmp;

  @Test
  void aHostNodeIsReadWithItsTypeAndNumbers() throws Exception {
    DeviceNode d = DeviceNode.fromHost(Path.of("/dev/null"), "/dev/mynull", "rw");
    assertThat(d.type()).isEqualTo('c');
    assertThat(d.major()).isEqualTo(1);
    assertThat(d.minor()).isEqualTo(3);
    assertThat(d.path()).isEqualTo("/dev/mynull");
    assertThat(d.access()).isEqualTo("rw");
    assertThat(d.fileMode() & 0666).isNotZero();
  }

  @Test
  void aFileThatIsNoDeviceOrIsMissingIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertThatThrownBy(() -> DeviceNode.fromHost(file, "/dev/x", "rwm"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("not a character or block device")
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    assertThatThrownBy(() -> DeviceNode.fromHost(tmp.resolve("gone"), "/dev/x", "rwm"))
        .isInstanceOf(BerthException.class)
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void largeNumbersDecodeAsGlibcEncodesThem() {
    // makedev(259, 70000): major 259, minor 70000 across both halves of the encoding.
    long major = 259;
    long minor = 70000;
    long rdev =
        ((major & 0xfffff000L) << 32)
            | ((major & 0xfffL) << 8)
            | ((minor & 0xffffff00L) << 12)
            | (minor & 0xffL);
    assertThat(DeviceNode.major(rdev)).isEqualTo(major);
    assertThat(DeviceNode.minor(rdev)).isEqualTo(minor);
  }

  @Test
  void theHostsDevicesIncludeNullButNotThePtysOrConsole() throws Exception {
    assertThat(DeviceNode.hostDevices())
        .anySatisfy(d -> assertThat(d.path()).isEqualTo("/dev/null"))
        .noneSatisfy(d -> assertThat(d.path()).startsWith("/dev/pts/"))
        .noneSatisfy(d -> assertThat(d.path()).isEqualTo("/dev/console"));
  }
}
