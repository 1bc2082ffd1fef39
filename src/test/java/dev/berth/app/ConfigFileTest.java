package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  private static final Path FILE = Path.of("/home/u/.config/berth/config.toml");

  @TempDir Path tmp;

  /** The diagnostic a bad file gives: its message, and the line it points at. */
  private static Diagnostic error(String text) {
    BerthException e =
        (BerthException)
            org.assertj.core.api.Assertions.catchThrowable(() -> ConfigFile.parse(FILE, text));
    assertThat(e).as("error for %s", text).isNotNull();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    return e.first();
  }

  @Test
  void everyKeyIsReadWithItsType() throws BerthException {
    ConfigFile c =
        ConfigFile.parse(
            FILE,
            """
            # berth's settings
            root = "/srv/berth"
            runtime = "runc"
            network = "none"
            parallelism = 3
            progress = "plain"
            """);
    assertThat(c.found()).isTrue();
    assertThat(c.root()).contains(Path.of("/srv/berth"));
    assertThat(c.runtime()).contains("runc");
    assertThat(c.network()).contains("none");
    assertThat(c.parallelism()).contains(3);
    assertThat(c.progress()).contains("plain");
  }

  @Test
  void anEmptyFileSetsNothing() throws BerthException {
    ConfigFile c = ConfigFile.parse(FILE, "# nothing yet\n");
    assertThat(c.found()).isTrue();
    assertThat(c.root()).isEmpty();
    assertThat(c.runtime()).isEmpty();
    assertThat(c.parallelism()).isEmpty();
  }

  @Test
  void anUnknownKeyIsAnErrorAtItsLine() {
    Diagnostic d = error("runtime = \"crun\"\n\nstorage = \"/x\"\n");
    assertThat(d.message()).contains("unknown key 'storage'").contains("root, runtime");
    assertThat(d.range().file()).isEqualTo(FILE.toString());
    assertThat(d.range().startLine()).isEqualTo(3);
  }

  @Test
  void aTableIsAnUnknownKeyAtItsHeader() {
    Diagnostic d = error("progress = \"tty\"\n[registry]\nlocation = \"x\"\n");
    assertThat(d.message()).contains("unknown key 'registry'");
    assertThat(d.range().startLine()).isEqualTo(2);
  }

  @Test
  void valuesOfTheWrongTypeOrOutOfRangeAreErrorsAtTheirLine() {
    assertThat(error("\nparallelism = \"4\"\n").message())
        .contains("parallelism must be a whole number from 1 to 1024");
    assertThat(error("parallelism = 0\n").range().startLine()).isEqualTo(1);
    assertThat(error("parallelism = 2.5\n").message()).contains("not 2.5");
    Diagnostic runtime = error("root = \"/r\"\nruntime = \"docker\"\n");
    assertThat(runtime.message())
        .isEqualTo("runtime must be one of auto, crun, runc, chroot, not 'docker'");
    assertThat(runtime.range().startLine()).isEqualTo(2);
    assertThat(error("progress = 1\n").message()).isEqualTo("progress must be a string, not 1");
    assertThat(error("network = \"\"\n").message()).isEqualTo("network cannot be empty");
  }

  @Test
  void aRelativeRootIsRefused() {
    assertThat(error("root = \"store\"\n").message())
        .isEqualTo("root must be an absolute path, not 'store'");
  }

  @Test
  void textThatIsNotTomlIsAnErrorWithItsLine() {
    Diagnostic d = error("runtime = \"crun\"\nparallelism = = 2\n");
    assertThat(d.message()).startsWith("not valid TOML: ");
    assertThat(d.range().startLine()).isEqualTo(2);
  }

  @Test
  void theFileIsUnderXdgConfigHomeElseUnderHome() {
    assertThat(ConfigFile.location(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")))
        .contains(Path.of("/x/berth/config.toml"));
    // A relative XDG_CONFIG_HOME is ignored, as the XDG base directory spec says.
    assertThat(ConfigFile.location(Map.of("XDG_CONFIG_HOME", "rel", "HOME", "/h")))
        .contains(Path.of("/h/.config/berth/config.toml"));
    assertThat(ConfigFile.location(Map.of())).isEqualTo(Optional.empty());
  }

  @Test
  void aMissingFileIsNoFileAndAPresentOneIsRead() throws IOException, BerthException {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", tmp.toString());
    ConfigFile none = ConfigFile.load(env);
    assertThat(none.found()).isFalse();
    assertThat(none.file()).isEqualTo(tmp.resolve("berth/config.toml"));

    Files.createDirectories(tmp.resolve("berth"));
    Files.writeString(tmp.resolve("berth/config.toml"), "runtime = \"crun\"\n");
    ConfigFile some = ConfigFile.load(env);
    assertThat(some.found()).isTrue();
    assertThat(some.runtime()).contains("crun");
  }

  @Test
  void aFileThatIsADirectoryCannotBeRead() throws IOException {
    Files.createDirectories(tmp.resolve("berth/config.toml"));
    assertThatThrownBy(() -> ConfigFile.load(Map.of("XDG_CONFIG_HOME", tmp.toString())))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("cannot read " + tmp.resolve("berth/config.toml"));
  }
}
