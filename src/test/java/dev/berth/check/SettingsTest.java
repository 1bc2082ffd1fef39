package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import org.junit.jupiter.api.Test;

/** The check directive as BuildKit reads it, and [tool.berth.check] in pyproject.toml. */
class SettingsTest {

  @Test
  void directiveParsesAsBuildKitDoes() throws Exception {
    LintConfig c = LintConfig.parse(" skip = A, B ;error=true;experimental=all ");
    assertThat(c.skip()).containsExactly("A", "B");
    assertThat(c.error()).isTrue();
    assertThat(c.experimentalAll()).isTrue();
    assertThat(LintConfig.parse("skip=all").skipAll()).isTrue();
    assertThat(LintConfig.parse("").runs(BuildKitRules.FROM_AS_CASING)).isTrue();
    assertThat(LintConfig.parse("").runs(BuildKitRules.INVALID_DEFINITION_DESCRIPTION)).isFalse();
    assertThat(
            LintConfig.parse("skip=all;experimental=InvalidDefinitionDescription")
                .runs(BuildKitRules.INVALID_DEFINITION_DESCRIPTION))
        .isTrue();
  }

  @Test
  void badDirectivesAreRefusedWithBuildKitsWords() {
    assertThatThrownBy(() -> LintConfig.parse("skip")).hasMessage("invalid check option \"skip\"");
    assertThatThrownBy(() -> LintConfig.parse("warn=all"))
        .hasMessage("invalid check option \"warn\"");
    assertThatThrownBy(() -> LintConfig.parse("error=maybe"))
        .hasMessageContaining("failed to parse check option \"error=maybe\"");
  }

  @Test
  void pyprojectSkips() throws BerthException {
    String toml =
        "[project]\nname = \"x\"\n\n[tool.berth.check]\nskip = [\"CdInRun\", \"FromAsCasing\"]\n";
    assertThat(ProjectSettings.fromPyproject("pyproject.toml", toml).skip())
        .containsExactlyInAnyOrder("CdInRun", "FromAsCasing");
    assertThat(ProjectSettings.fromPyproject("pyproject.toml", "[tool.poetry]\n").skip()).isEmpty();
  }

  @Test
  void badPyprojectIsBadInput() {
    assertThatThrownBy(
            () -> ProjectSettings.fromPyproject("pyproject.toml", "[tool.berth.check\nskip=1"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("pyproject.toml is not valid TOML");
    assertThatThrownBy(
            () ->
                ProjectSettings.fromPyproject(
                    "pyproject.toml", "[tool.berth.check]\nskip = [\"NoSuchRule\"]\n"))
        .hasMessageContaining("unknown rule 'NoSuchRule'");
    assertThatThrownBy(
            () -> ProjectSettings.fromPyproject("pyproject.toml", "[tool.berth.check]\nskip = 3\n"))
        .hasMessageContaining("must be a list of rule names");
  }
}
