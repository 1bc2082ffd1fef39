package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceOptionTest {

  @Test
  void dockersFormsOfDevice() {
    assertThat(DeviceOption.parse("/dev/fuse"))
        .isEqualTo(new DeviceOption(Path.of("/dev/fuse"), "/dev/fuse", "rwm"));
    assertThat(DeviceOption.parse("/dev/null:/dev/mynull"))
        .isEqualTo(new DeviceOption(Path.of("/dev/null"), "/dev/mynull", "rwm"));
    assertThat(DeviceOption.parse("/dev/null:/dev/mynull:r"))
        .isEqualTo(new DeviceOption(Path.of("/dev/null"), "/dev/mynull", "r"));
    assertThat(DeviceOption.parse("/dev/null:rw"))
        .isEqualTo(new DeviceOption(Path.of("/dev/null"), "/dev/null", "rw"));
  }

  @Test
  void badFormsSayWhatIsExpected() {
    assertThatThrownBy(() -> DeviceOption.parse("/dev/null:/dev/x:rwx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("some of r, w and m");
    assertThatThrownBy(() -> DeviceOption.parse("dev/null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> DeviceOption.parse("/dev/null:x/y:r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> DeviceOption.parse("/a:/b:r:w"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HOST[:CONTAINER[:PERMS]]");
    assertThatThrownBy(() -> DeviceOption.parse(":/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
