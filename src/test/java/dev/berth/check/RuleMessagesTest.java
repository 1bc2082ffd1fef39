package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.Severity;
import dev.berth.image.Platform;
import dev.berth.plan.BaseImageConfigs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BuildKit's checks word their findings as BuildKit does (its linter tests are the source). */
class RuleMessagesTest {

  private static List<String> messages(String dockerfile) {
    return messages(dockerfile, CheckOptions.defaults());
  }

  private static List<String> messages(String dockerfile, CheckOptions options) {
    return new Checker(BuildKitRules.all())
        .check("Dockerfile", dockerfile, options).findings().stream()
            .map(f -> f.rule().name() + ": " + f.message())
            .toList();
  }

  @Test
  void stageNames() {
    assertThat(messages("FROM scratch AS b\nFROM scratch AS B\nFROM scratch AS context\n"))
        .containsExactly(
            "DuplicateStageName: Duplicate stage name \"b\", stage names should be unique",
            "StageNameCasing: Stage name 'B' should be lowercase",
            "ReservedStageName: Stage name should not use the same name as reserved stage"
                + " \"context\"");
    assertThat(messages("from scratch AS base\n"))
        .containsExactly("FromAsCasing: 'AS' and 'from' keywords' casing do not match");
  }

  @Test
  void casingAndContinuations() {
    assertThat(messages("FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n"))
        .containsExactly(
            "ConsistentInstructionCasing: Command 'copy' should match the case of the command"
                + " majority (uppercase)");
    assertThat(messages("FROM scratch\nCOPY Dockerfile \\\n\n.\n"))
        .containsExactly("NoEmptyContinuation: Empty continuation line");
  }

  @Test
  void variables() {
    assertThat(messages("FROM alpine\nENV PATH=$PAHT:/tmp/bin\n"))
        .containsExactly("UndefinedVar: Usage of undefined variable '$PAHT' (did you mean $PATH?)");
    assertThat(
            messages(
                "FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\n"
                    + "COPY $DIR_ASSET .\n"))
        .containsExactly(
            "UndefinedVar: Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)");
    assertThat(messages("ARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n"))
        .contains(
            "UndefinedArgInFrom: FROM argument 'MYARCH' is not declared (did you mean MY_ARCH?)");
    assertThat(messages("ARG tag=latest\nFROM busybox:${tag}${version} AS b\n"))
        .containsExactly("UndefinedArgInFrom: FROM argument 'version' is not declared");
  }

  @Test
  void instructions() {
    assertThat(messages("FROM scratch\nWORKDIR app/\nMAINTAINER me@example.org\nCMD a\nCMD b\n"))
        .containsExactly(
            "WorkdirRelativePath: Relative workdir \"app/\" can have unexpected results if the"
                + " base image changes",
            "MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label",
            "JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended"
                + " behavior related to OS signals",
            "MultipleInstructionsDisallowed: Multiple CMD instructions should not be used in the"
                + " same stage because only the last one will be used",
            "JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended"
                + " behavior related to OS signals");
    assertThat(messages("FROM scratch\nENV testkey value\nLABEL key value\n"))
        .containsExactly(
            "LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy \"ENV key"
                + " value\" format",
            "LegacyKeyValueFormat: \"LABEL key=value\" should be used instead of legacy \"LABEL"
                + " key value\" format");
    assertThat(messages("FROM scratch\nARG super_duper_secret_token=foo auth=bar\n"))
        .containsExactly(
            "SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG"
                + " \"super_duper_secret_token\")",
            "SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG"
                + " \"auth\")");
  }

  @Test
  void fromPlatformsAndDefaults() {
    assertThat(messages("FROM --platform=${TARGETPLATFORM} scratch\n"))
        .containsExactly(
            "RedundantTargetPlatform: Setting platform to predefined ${TARGETPLATFORM} in FROM is"
                + " redundant as this is the default behavior");
    assertThat(messages("FROM --platform=linux/amd64 scratch\n"))
        .containsExactly(
            "FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value"
                + " \"linux/amd64\"");
    assertThat(
            messages(
                "ARG SFX=\"box:\"\nFROM busy${SFX}\n",
                CheckOptions.defaults().withBuildArgs(Map.of("SFX", "box:latest"))))
        .containsExactly(
            "InvalidDefaultArgInFrom: Default value for ARG busy${SFX} results in empty or invalid"
                + " base image name");
    CheckOptions arm =
        CheckOptions.defaults()
            .withPlatforms(Platform.of("linux", "amd64", ""), Platform.of("linux", "amd64", ""))
            .withBases(
                BaseImageConfigs.none(), ref -> Optional.of(Platform.of("linux", "arm64", "v8")));
    assertThat(messages("FROM busybox:latest\n", arm))
        .containsExactly(
            "InvalidBaseImagePlatform: Base image busybox:latest was pulled with platform"
                + " \"linux/arm64/v8\", expected \"linux/amd64\" for current build");
  }

  @Test
  void exposeAndIgnoredFiles() {
    assertThat(messages("FROM alpine\nEXPOSE 80/TcP\n"))
        .containsExactly(
            "ExposeProtoCasing: Defined protocol '80/TcP' in EXPOSE instruction should be"
                + " lowercase");
    assertThat(messages("FROM alpine\nEXPOSE 127.0.0.1:80:80\n"))
        .containsExactly(
            "ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port"
                + " mapping, found '127.0.0.1:80:80'");
    CheckOptions ignoring = CheckOptions.defaults().withIgnored(p -> p.equals("Dockerfile"));
    assertThat(messages("FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n", ignoring))
        .containsExactly(
            "CopyIgnoredFile: Attempting to Copy file \"Dockerfile\" that is excluded by"
                + " .dockerignore",
            "CopyIgnoredFile: Attempting to Add file \"Dockerfile\" that is excluded by"
                + " .dockerignore");
  }

  @Test
  void definitionDescriptions() {
    assertThat(
            messages(
                "# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\n"
                    + "ARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n"
                    + "# definitely a bad comment\nARG version=latest\n"
                    + "# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n"))
        .containsExactly(
            "InvalidDefinitionDescription: Comment for ARG should follow the format: `# foo"
                + " <description>`",
            "InvalidDefinitionDescription: Comment for FROM should follow the format: `# base"
                + " <description>`",
            "InvalidDefinitionDescription: Comment for ARG should follow the format: `# version"
                + " <description>`",
            "InvalidDefinitionDescription: Comment for ARG should follow the format: `# <arg_key>"
                + " <description>`");
  }

  @Test
  void errorTrueMakesFindingsErrors() {
    CheckReport r =
        new Checker()
            .check(
                "Dockerfile",
                "# check=error=true\nFROM scratch as base\n",
                CheckOptions.defaults());
    assertThat(r.findings()).extracting(Finding::severity).containsOnly(Severity.ERROR);
    assertThat(r.hasFindingsAtOrAbove(Severity.ERROR)).isTrue();
  }

  @Test
  void everyRuleHasItsValues() {
    assertThat(Rules.all()).extracting(Rule::name).doesNotHaveDuplicates();
    for (Rule r : Rules.all()) {
      assertThat(r.description()).as(r.name()).isNotBlank();
      assertThat(r.url()).as(r.name()).isNotBlank();
    }
    assertThat(BuildKitRules.all()).hasSize(22);
    assertThat(BuildKitRules.all())
        .filteredOn(Rule::experimental)
        .extracting(Rule::name)
        .containsExactly("InvalidDefinitionDescription");
  }
}
