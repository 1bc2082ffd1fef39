package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeLoaderTest {

  @TempDir Path dir;

  private void write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void discovery_searchesParentFolders_prefersComposeYaml_andAddsTheOverride() throws Exception {
    write("My Proj/compose.yaml", "services:\n  a:\n    image: one\n");
    write("My Proj/docker-compose.yml", "services:\n  a:\n    image: two\n");
    write("My Proj/compose.override.yml", "services:\n  a:\n    environment: [X=1]\n");
    Path sub = Files.createDirectories(dir.resolve("My Proj/src/deep"));

    ComposeProject p = ComposeLoader.load(LoadOptions.of(sub, Map.of()));

    assertThat(p.composeFiles())
        .containsExactly(
            dir.resolve("My Proj/compose.yaml").toString(),
            dir.resolve("My Proj/compose.override.yml").toString());
    assertThat(p.name()).isEqualTo("myproj");
    assertThat(p.workingDirectory()).isEqualTo(dir.resolve("My Proj"));
    assertThat(p.service("a").get().image()).contains("one");
    assertThat(p.service("a").get().environment()).containsEntry("X", "1");
    assertThat(p.warnings()).extracting(Diagnostic::code).contains("compose-multiple-files");
  }

  @Test
  void noFile_isAnError() {
    assertThatThrownBy(() -> ComposeLoader.load(LoadOptions.of(dir, Map.of())))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> assertThat(e.first().message()).startsWith("no configuration file provided"));
  }

  @Test
  void stdin_isReadForDash_andTheProjectNameComesFromTheEnvironmentOrTheFile() throws Exception {
    String yaml = "name: From_File\nservices:\n  web:\n    image: nginx\n";
    LoadOptions o =
        LoadOptions.of(dir, Map.of())
            .withFiles(List.of("-"))
            .withStdin(() -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(ComposeLoader.load(o).name()).isEqualTo("from_file");
    LoadOptions named =
        LoadOptions.of(dir, Map.of("COMPOSE_PROJECT_NAME", "envname"))
            .withFiles(List.of("-"))
            .withStdin(() -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(ComposeLoader.load(named).name()).isEqualTo("envname");
  }

  @Test
  void anExplicitProjectNameMustBeNormalised() throws Exception {
    write("compose.yaml", "services:\n  a:\n    image: x\n");
    assertThatThrownBy(
            () -> ComposeLoader.load(LoadOptions.of(dir, Map.of()).withProjectName("Bad")))
        .hasMessageContaining("invalid project name \"Bad\"");
  }

  @Test
  void configHash_isStable_andChangesWithTheEnvironmentButNotWithScaleOrBuild() throws Exception {
    write("compose.yaml", "services:\n  a:\n    image: x\n    environment: [A=1]\n");
    String first = ComposeLoader.load(LoadOptions.of(dir, Map.of())).configHash("a");
    assertThat(first)
        .hasSize(64)
        .isEqualTo(ComposeLoader.load(LoadOptions.of(dir, Map.of())).configHash("a"));
    write(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    environment: [A=1]\n    scale: 3\n    build: .\n");
    assertThat(ComposeLoader.load(LoadOptions.of(dir, Map.of())).configHash("a")).isEqualTo(first);
    write("compose.yaml", "services:\n  a:\n    image: x\n    environment: [A=2]\n");
    assertThat(ComposeLoader.load(LoadOptions.of(dir, Map.of())).configHash("a"))
        .isNotEqualTo(first);
  }

  @Test
  void listsServicesInDependencyOrder_imagesAndProfiles() throws Exception {
    write(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    depends_on: [c]\n  b:\n    build: .\n"
            + "  c:\n    image: z\n  d:\n    image: d\n    profiles: [extra]\n");
    ComposeProject p = ComposeLoader.load(LoadOptions.of(dir, Map.of()));
    assertThat(p.serviceNames()).containsExactly("c", "a", "b");
    assertThat(p.images()).containsExactly("x", p.name() + "-b", "z");
    assertThat(p.profiles()).containsExactly("extra");
    assertThat(p.disabledServices()).containsOnlyKeys("d");
    assertThat(p.toYaml()).startsWith("name: ").contains("  a:\n    depends_on:\n");
  }

  @Test
  void envFileEntries_areReadIntoTheEnvironment_andAMissingOptionalOneIsSkipped() throws Exception {
    write("app.env", "FROM_FILE=1\nOVERRIDDEN=file\n");
    write(
        "compose.yaml",
        "services:\n"
            + "  a:\n"
            + "    image: x\n"
            + "    env_file:\n"
            + "      - app.env\n"
            + "      - path: missing.env\n"
            + "        required: false\n"
            + "    environment:\n"
            + "      OVERRIDDEN: own\n");
    Service a = ComposeLoader.load(LoadOptions.of(dir, Map.of())).service("a").get();
    assertThat(a.environment()).containsEntry("FROM_FILE", "1").containsEntry("OVERRIDDEN", "own");
    write("compose.yaml", "services:\n  a:\n    image: x\n    env_file: missing.env\n");
    assertThatThrownBy(() -> ComposeLoader.load(LoadOptions.of(dir, Map.of())))
        .hasMessageContaining("env file " + dir.resolve("missing.env") + " not found");
  }

  @Test
  void buildRequests_refuseAMissingContextFolder() throws Exception {
    write("compose.yaml", "services:\n  a:\n    build: ./nowhere\n");
    ComposeProject p = ComposeLoader.load(LoadOptions.of(dir, Map.of()));
    assertThatThrownBy(p::buildRequests).hasMessageContaining("nowhere is not a folder");
  }
}
