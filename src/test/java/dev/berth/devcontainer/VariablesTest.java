package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VariablesTest {

  private static final Variables.LocalContext CONTEXT =
      new Variables.LocalContext(
          Map.of("HOME", "/home/me", "URL", "http://example.test:8080", "EMPTY", ""),
          "/work/my-app",
          "/workspaces/my-app");

  static List<Arguments> localPhase() {
    return Tables.rows("variables.txt");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("localPhase")
  void localPhase_substitutesAsTheTableSays(String input, String expected) {
    Findings findings = Findings.lenient("test");
    assertThat(Variables.substituteLocal(input, CONTEXT, findings)).isEqualTo(expected);
  }

  @Test
  void localPhase_warnsOnceForEachUnknownVariable() {
    Findings findings = Findings.lenient("test");
    Variables.substituteLocal(
        "${notAVariable} ${containerEnv:PATH} ${devcontainerId} ${localHomeFolder}",
        CONTEXT,
        findings);
    assertThat(findings.all())
        .extracting(Diagnostic::message)
        .containsExactly(
            "unknown variable ${notAVariable} is left as written",
            "unknown variable ${localHomeFolder} is left as written");
  }

  @Test
  void localEnvWithoutName_isAnError() {
    Findings findings = new Findings(p -> SourceRange.file("f"), false);
    Variables.substituteLocal("${localEnv}", CONTEXT, findings);
    assertThat(findings.all())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.severity()).isEqualTo(Severity.ERROR);
              assertThat(d.message())
                  .isEqualTo(
                      "'${localEnv}' can not be resolved because no environment variable name is"
                          + " given");
            });
  }

  @Test
  void containerWorkspaceFolder_mayItselfUseLocalVariables() {
    Variables.LocalContext c =
        new Variables.LocalContext(
            Map.of(), "/work/my-app", "/src/${localWorkspaceFolderBasename}");
    assertThat(
            Variables.substituteLocal(
                "${containerWorkspaceFolder} ${containerWorkspaceFolderBasename}",
                c,
                Findings.lenient("t")))
        .isEqualTo("/src/my-app my-app");
  }

  @Test
  void substitution_reachesStringsInObjectsAndArraysButNotKeys() {
    JsonNode tree =
        Json.parse(
            "{\"${localEnv:HOME}\": [\"${localEnv:HOME}\", 1, true, null, {\"x\":"
                + " \"${env:HOME}\"}]}");
    JsonNode out = Variables.substituteLocal(tree, CONTEXT, Findings.lenient("t"));
    assertThat(out)
        .isEqualTo(
            Json.parse(
                "{\"${localEnv:HOME}\": [\"/home/me\", 1, true, null, {\"x\": \"/home/me\"}]}"));
  }

  @Test
  void devcontainerIdPhase_replacesOnlyTheId() {
    JsonNode out =
        Variables.substituteDevcontainerId(
            Json.parse("[\"vol-${devcontainerId}\", \"${containerEnv:X}\", \"${localEnv:X}\"]"),
            "abc");
    assertThat(out)
        .isEqualTo(Json.parse("[\"vol-abc\", \"${containerEnv:X}\", \"${localEnv:X}\"]"));
  }

  @Test
  void containerEnvPhase_readsTheContainersEnvironmentWithDefaults() {
    JsonNode out =
        Variables.substituteContainerEnv(
            Json.parse(
                "[\"${containerEnv:PATH}:/opt\", \"${containerEnv:NOPE:a:b}\","
                    + " \"${containerEnv:NOPE}\", \"${localEnv:HOME}\"]"),
            Map.of("PATH", "/usr/bin"),
            Findings.lenient("t"));
    assertThat(out)
        .isEqualTo(Json.parse("[\"/usr/bin:/opt\", \"a:b\", \"\", \"${localEnv:HOME}\"]"));
  }

  @Test
  void basename_isPosixBasename() {
    assertThat(Variables.basename("/a/b")).isEqualTo("b");
    assertThat(Variables.basename("/a/b/")).isEqualTo("b");
    assertThat(Variables.basename("b")).isEqualTo("b");
    assertThat(Variables.basename("/")).isEqualTo("");
  }
}
