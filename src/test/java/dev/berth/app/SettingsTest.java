package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of precedence: a BERTH_* variable, then the config file, then the default. */
class SettingsTest {

  private static final Path FILE = Path.of("/h/.config/berth/config.toml");

  private static ConfigFile file(String text) throws BerthException {
    return ConfigFile.parse(FILE, text);
  }

  private static final String ALL =
      """
      root = "/from/config"
      runtime = "runc"
      network = "none"
      parallelism = 3
      progress = "plain"
      """;

  @Test
  void withNeitherVariablesNorAFileEachSettingIsItsDefault() throws BerthException {
    Settings s = Settings.resolve(Map.of(), 0, ConfigFile.empty(FILE), 6);
    assertThat(s.root().value()).isEqualTo(Path.of("/var/lib/berth"));
    assertThat(s.runtime().value()).isEqualTo("auto");
    assertThat(s.network().value()).isEqualTo("berth");
    assertThat(s.parallelism().value()).isEqualTo(6);
    assertThat(s.progress().value()).isEqualTo("auto");
    assertThat(s.runtime().source()).isEqualTo(Settings.Source.DEFAULT);
  }

  @Test
  void theFileBeatsTheDefaults() throws BerthException {
    Settings s = Settings.resolve(Map.of(), 1000, file(ALL), 6);
    assertThat(s.root().value()).isEqualTo(Path.of("/from/config"));
    assertThat(s.runtime().value()).isEqualTo("runc");
    assertThat(s.network().value()).isEqualTo("none");
    assertThat(s.parallelism().value()).isEqualTo(3);
    assertThat(s.progress().value()).isEqualTo("plain");
    assertThat(s.progress().source()).isEqualTo(Settings.Source.CONFIG);
    assertThat(s.progress().from()).isEqualTo(FILE.toString());
  }

  @Test
  void variablesBeatTheFile() throws BerthException {
    Map<String, String> env =
        Map.of(
            "BERTH_ROOT", "/from/env",
            "BERTH_RUNTIME", "crun",
            "BERTH_NETWORK", "host",
            "BERTH_PARALLELISM", "2",
            "BERTH_PROGRESS", "quiet");
    Settings s = Settings.resolve(env, 1000, file(ALL), 6);
    assertThat(s.root().value()).isEqualTo(Path.of("/from/env"));
    assertThat(s.runtime().value()).isEqualTo("crun");
    assertThat(s.network().value()).isEqualTo("host");
    assertThat(s.parallelism().value()).isEqualTo(2);
    assertThat(s.progress().value()).isEqualTo("quiet");
    assertThat(s.root().source()).isEqualTo(Settings.Source.ENV);
    assertThat(s.parallelism().from()).isEqualTo("BERTH_PARALLELISM");
  }

  @Test
  void anEmptyVariableIsUnset() throws BerthException {
    Settings s = Settings.resolve(Map.of("BERTH_RUNTIME", ""), 1000, file(ALL), 6);
    assertThat(s.runtime().value()).isEqualTo("runc");
  }

  @Test
  void badVariablesAreErrorsNamingTheVariable() {
    assertThatThrownBy(
            () -> Settings.resolve(Map.of("BERTH_RUNTIME", "docker"), 0, ConfigFile.empty(FILE), 2))
        .isInstanceOf(BerthException.class)
        .hasMessage("BERTH_RUNTIME must be one of auto, crun, runc, chroot, not 'docker'");
    assertThatThrownBy(
            () ->
                Settings.resolve(Map.of("BERTH_PARALLELISM", "many"), 0, ConfigFile.empty(FILE), 2))
        .hasMessage("BERTH_PARALLELISM must be a whole number from 1 to 1024, not 'many'");
    assertThatThrownBy(
            () -> Settings.resolve(Map.of("BERTH_PROGRESS", "fancy"), 0, ConfigFile.empty(FILE), 2))
        .hasMessageContaining("BERTH_PROGRESS must be one of auto, plain, tty, quiet, rawjson");
  }

  @Test
  void anOrdinaryUsersDefaultStoreIsInTheirDataHome() throws BerthException {
    Settings s =
        Settings.resolve(
            Map.of("XDG_DATA_HOME", "/d", "HOME", "/h"), 1000, ConfigFile.empty(FILE), 1);
    assertThat(s.root().value()).isEqualTo(Path.of("/d/berth"));
  }
}
