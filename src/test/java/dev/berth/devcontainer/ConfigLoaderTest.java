package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path ws;

  private final ConfigLoader loader =
      new ConfigLoader(Map.of("HOME", "/home/me", "TOKEN", "t0k"), GitRoot.NONE);

  private Path write(String relative, String text) throws IOException {
    Path p = ws.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private LoadedConfig load() throws Exception {
    return loader.load(ConfigLoader.Request.of(ws));
  }

  private BerthException loadFails() {
    return catchThrowableOfType(BerthException.class, this::load);
  }

  @Test
  void discovery_prefersDotDevcontainerFolderThenRootFileThenOneSubfolder() throws Exception {
    write(".devcontainer/a/devcontainer.json", "{\"image\": \"a\"}");
    assertThat(load().configFile()).isEqualTo(ws.resolve(".devcontainer/a/devcontainer.json"));
    write(".devcontainer.json", "{\"image\": \"root\"}");
    assertThat(load().configFile()).isEqualTo(ws.resolve(".devcontainer.json"));
    write(".devcontainer/devcontainer.json", "{\"image\": \"main\"}");
    assertThat(load().configFile()).isEqualTo(ws.resolve(".devcontainer/devcontainer.json"));
    assertThat(load().explicitConfig()).isFalse();
  }

  @Test
  void discovery_severalSubfolders_isAnErrorListingThem() throws Exception {
    write(".devcontainer/python/devcontainer.json", "{\"image\": \"a\"}");
    write(".devcontainer/node/devcontainer.json", "{\"image\": \"b\"}");
    BerthException e = loadFails();
    assertThat(e.first().code()).isEqualTo("several-configs");
    assertThat(e.first().message())
        .isEqualTo(
            "several dev container configs in "
                + ws
                + "; choose one with --config:\n  .devcontainer/node/devcontainer.json\n"
                + "  .devcontainer/python/devcontainer.json");
  }

  @Test
  void discovery_nothingFound_andMissingFolder_areErrors() throws Exception {
    assertThat(loadFails().first().message())
        .isEqualTo(
            "no dev container config in "
                + ws
                + ": looked for .devcontainer/devcontainer.json, .devcontainer.json and"
                + " .devcontainer/<folder>/devcontainer.json");
    BerthException missing =
        catchThrowableOfType(
            BerthException.class, () -> loader.load(ConfigLoader.Request.of(ws.resolve("nope"))));
    assertThat(missing.first().code()).isEqualTo("no-workspace");
    assertThat(missing.first().message()).contains("does not exist");
  }

  @Test
  void explicitConfig_isUsedEvenOutsideTheUsualPlaces() throws Exception {
    Path file = write("configs/dev.json", "{\"image\": \"x\"}");
    LoadedConfig c = loader.load(new ConfigLoader.Request(ws, Optional.of(file), true));
    assertThat(c.configFile()).isEqualTo(file);
    assertThat(c.explicitConfig()).isTrue();
    BerthException e =
        catchThrowableOfType(
            BerthException.class,
            () ->
                loader.load(
                    new ConfigLoader.Request(ws, Optional.of(ws.resolve("missing.json")), true)));
    assertThat(e.first().message()).endsWith("missing.json does not exist");
  }

  @Test
  void syntaxError_isPlacedInTheFile() throws Exception {
    Path f =
        write(".devcontainer/devcontainer.json", "{\n  \"image\": \"x\"\n  \"name\": \"y\"\n}");
    BerthException e = loadFails();
    assertThat(e.first().range()).isEqualTo(SourceRange.at(f.toString(), 3, 3));
    assertThat(e.first().toString()).startsWith(f + ":3:3: error: invalid JSON:");
  }

  @Test
  void unknownProperties_areWarnedAtTheirName() throws Exception {
    Path f =
        write(
            ".devcontainer/devcontainer.json",
            "{\n  \"image\": \"x\",\n  \"imagee\": \"typo\",\n  \"build\": {\"dockerfile\": \"D\","
                + " \"tagret\": \"t\"}\n}");
    write(".devcontainer/D", "FROM x\n");
    LoadedConfig c = load();
    assertThat(c.warnings())
        .extracting(Diagnostic::toString)
        .contains(
            f + ":3:3: warning: unknown property 'imagee' is ignored",
            f + ":4:32: warning: unknown property 'build.tagret' is ignored",
            f + ":2:3: warning: image is ignored: the image is built from the Dockerfile");
  }

  @Test
  void malformedMountString_isAnErrorAtTheMount() throws Exception {
    Path f =
        write(
            ".devcontainer/devcontainer.json",
            "{\"image\": \"x\",\n"
                + " \"mounts\": [\"type=volume,target=/ok\",\n"
                + "   \"type=bind,target=/b\"]}");
    BerthException e = loadFails();
    assertThat(e.first().toString())
        .isEqualTo(f + ":3:4: error: invalid mount: a bind mount needs a source");
  }

  @Test
  void unsupportedRunArg_isAnErrorNamingTheFlag() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        "{\"image\": \"x\", \"runArgs\": [\"--init\", \"--gpus=all\"]}");
    BerthException e = loadFails();
    assertThat(e.first().code()).isEqualTo("bad-run-arg");
    assertThat(e.first().message()).contains("'--gpus'");
    assertThat(e.first().range().startColumn()).isEqualTo(38);
  }

  @Test
  void noScenario_isAnError() throws Exception {
    write(".devcontainer/devcontainer.json", "{\"name\": \"nothing to run\"}");
    assertThat(loadFails().first().message())
        .isEqualTo(
            "the configuration is missing one of \"image\", \"build.dockerfile\" (or"
                + " \"dockerFile\") and \"dockerComposeFile\"");
    write(".devcontainer/devcontainer.json", "{\"build\": {\"context\": \"..\"}}");
    assertThat(loadFails().first().message())
        .isEqualTo("build: expected \"dockerfile\", the Dockerfile to build");
  }

  @Test
  void dockerfileScenario_resolvesPathsAgainstTheConfigFolder() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        "{\"build\": {\"dockerfile\": \"../Dockerfile\", \"target\": \"app-pre\","
            + " \"args\": {\"T\": \"${localEnv:TOKEN}\"}, \"cacheFrom\": \"c:1\","
            + " \"options\": [\"--network=host\"]}}");
    Scenario.Dockerfile d = (Scenario.Dockerfile) load().config().scenario();
    assertThat(d.dockerfile()).isEqualTo(ws.resolve("Dockerfile"));
    assertThat(d.context()).as("by default the Dockerfile's folder").isEqualTo(ws);
    assertThat(d.target()).contains("app-pre");
    assertThat(d.args()).containsExactly(Map.entry("T", "t0k"));
    assertThat(d.cacheFrom()).containsExactly("c:1");
    assertThat(d.options()).containsExactly("--network=host");
  }

  @Test
  void legacyDockerFileAndContext_andVsCodeProperties_areRead() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        "{\"dockerFile\": \"Dockerfile\", \"context\": \"..\", \"extensions\": [\"a\"],"
            + " \"settings\": {\"s\": 1}, \"devPort\": 9}");
    LoadedConfig c = load();
    Scenario.Dockerfile d = (Scenario.Dockerfile) c.config().scenario();
    assertThat(d.dockerfile()).isEqualTo(ws.resolve(".devcontainer/Dockerfile"));
    assertThat(d.context()).isEqualTo(ws);
    assertThat(c.json().get("customizations"))
        .isEqualTo(
            Json.parse(
                "{\"vscode\": {\"extensions\": [\"a\"], \"settings\": {\"s\": 1}, \"devPort\":"
                    + " 9}}"));
    assertThat(c.json().has("extensions")).isFalse();
  }

  @Test
  void composeScenario_readsFilesServiceAndRunServices() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        "{\"dockerComposeFile\": [\"../compose.yaml\", \"dev.yaml\"], \"service\": \"app\","
            + " \"runServices\": [\"app\", \"db\"]}");
    DevContainerConfig c = load().config();
    assertThat(c.scenario())
        .isEqualTo(
            new Scenario.Compose(
                List.of(ws.resolve("compose.yaml"), ws.resolve(".devcontainer/dev.yaml")),
                "app",
                List.of("app", "db")));
    assertThat(c.workspace().containerFolder()).isEqualTo("/");
    assertThat(c.workspace().mountText()).isEmpty();
    write(".devcontainer/devcontainer.json", "{\"dockerComposeFile\": \"c.yaml\"}");
    assertThat(loadFails().first().code()).isEqualTo("no-service");
  }

  @Test
  void workspaceDefaults_bindTheFolderUnderWorkspaces() throws Exception {
    write(".devcontainer/devcontainer.json", "{\"image\": \"x\"}");
    Workspace w = load().config().workspace();
    String name = ws.getFileName().toString();
    assertThat(w.containerFolder()).isEqualTo("/workspaces/" + name);
    assertThat(w.mount()).contains(Mount.bind(ws.toString(), "/workspaces/" + name));
    assertThat(w.mountText()).contains("type=bind,source=" + ws + ",target=/workspaces/" + name);
  }

  @Test
  void workspaceDefaults_useTheGitRootWhenThereIsOne() throws Exception {
    Path sub = ws.resolve("repo/service");
    Files.createDirectories(sub.resolve(".devcontainer"));
    Files.writeString(sub.resolve(".devcontainer/devcontainer.json"), "{\"image\": \"x\"}");
    ConfigLoader gitAware = new ConfigLoader(Map.of(), folder -> Optional.of(ws.resolve("repo")));
    Workspace w = gitAware.load(ConfigLoader.Request.of(sub)).config().workspace();
    assertThat(w.containerFolder()).isEqualTo("/workspaces/repo/service");
    assertThat(w.mount()).contains(Mount.bind(ws.resolve("repo").toString(), "/workspaces/repo"));
    Workspace plain =
        gitAware.load(new ConfigLoader.Request(sub, Optional.empty(), false)).config().workspace();
    assertThat(plain.containerFolder()).isEqualTo("/workspaces/service");
  }

  @Test
  void emptyWorkspaceMount_meansNoWorkspaceMount() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        "{\"image\": \"x\", \"workspaceMount\": \"\", \"workspaceFolder\": \"/app\"}");
    Workspace w = load().config().workspace();
    assertThat(w.mount()).isEmpty();
    assertThat(w.mountText()).contains("");
    assertThat(w.containerFolder()).isEqualTo("/app");
  }

  @Test
  void typedValues_coverWhatTheFileMaySay() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        """
        {
          "image": "x",
          "name": "n",
          "containerEnv": {"A": "${localEnv:HOME}"},
          "remoteEnv": {"R": "r", "U": null},
          "containerUser": "c", "remoteUser": "r", "updateRemoteUserUID": false,
          "userEnvProbe": "interactiveShell", "overrideCommand": false, "init": true,
          "privileged": true, "capAdd": ["SYS_PTRACE"], "securityOpt": ["seccomp=unconfined"],
          "forwardPorts": [3000, "db:5432"], "appPort": "8000:80",
          "shutdownAction": "none", "waitFor": "postCreateCommand",
          "hostRequirements": {"cpus": 2},
          "customizations": {"berth": {"chownPaths": ["/app/.venv"]}},
          "initializeCommand": "echo host",
          "onCreateCommand": ["a", "b"],
          "postCreateCommand": {"x": "echo x", "y": ["echo", "y"]},
          "features": {"ghcr.io/devcontainers/features/node:1": {"version": "20"}}
        }
        """);
    LoadedConfig loaded = load();
    DevContainerConfig c = loaded.config();
    MetadataEntry m = c.metadata();
    assertThat(c.name()).contains("n");
    assertThat(m.containerEnv()).containsExactly(Map.entry("A", "/home/me"));
    assertThat(m.remoteEnv())
        .containsEntry("R", Optional.of("r"))
        .containsEntry("U", Optional.empty());
    assertThat(m.containerUser()).contains("c");
    assertThat(m.remoteUser()).contains("r");
    assertThat(m.updateRemoteUserUID()).contains(false);
    assertThat(m.userEnvProbe()).contains(UserEnvProbe.INTERACTIVE_SHELL);
    assertThat(m.overrideCommand()).contains(false);
    assertThat(m.init()).contains(true);
    assertThat(m.privileged()).contains(true);
    assertThat(m.capAdd()).containsExactly("SYS_PTRACE");
    assertThat(m.securityOpt()).containsExactly("seccomp=unconfined");
    assertThat(m.forwardPorts())
        .containsExactly(new ForwardPort("localhost", 3000), new ForwardPort("db", 5432));
    assertThat(c.appPort())
        .containsExactly(new PublishedPort("127.0.0.1", Optional.of(8000), 80, "tcp"));
    assertThat(m.shutdownAction()).contains(ShutdownAction.NONE);
    assertThat(m.waitFor()).contains(LifecycleHook.POST_CREATE);
    assertThat(m.hostRequirements()).map(HostRequirements::cpus).contains(Optional.of(2));
    assertThat(c.berth().chownPaths()).containsExactly("/app/.venv");
    assertThat(c.initializeCommand()).contains(new LifecycleCommand.Shell("echo host"));
    assertThat(m.commands().get(LifecycleHook.ON_CREATE))
        .isEqualTo(new LifecycleCommand.Exec(List.of("a", "b")));
    LifecycleCommand.Parallel post =
        (LifecycleCommand.Parallel) m.commands().get(LifecycleHook.POST_CREATE);
    assertThat(post.commands())
        .containsExactly(
            Map.entry("x", new LifecycleCommand.Shell("echo x")),
            Map.entry("y", new LifecycleCommand.Exec(List.of("echo", "y"))));
    assertThat(new LifecycleCommand.Shell("echo x").argv())
        .containsExactly("/bin/sh", "-c", "echo x");
    FeatureReference.Oci node = (FeatureReference.Oci) c.features().get(0).reference();
    assertThat(node.registry()).isEqualTo("ghcr.io");
    assertThat(node.namespace()).isEqualTo("devcontainers/features");
    assertThat(node.id()).isEqualTo("node");
    assertThat(node.tag()).contains("1");
    assertThat(node.reference()).isEqualTo("ghcr.io/devcontainers/features/node:1");
    assertThat(node.imageReference().repository()).isEqualTo("devcontainers/features/node");
    assertThat(loaded.warnings()).extracting(Diagnostic::code).containsExactly("host-requirements");
  }

  @Test
  void wrongTypes_areErrorsAtTheValue() throws Exception {
    Path f =
        write(
            ".devcontainer/devcontainer.json",
            "{\"image\": \"x\",\n \"capAdd\": \"SYS_PTRACE\",\n \"containerEnv\": {\"A\": 1},\n"
                + " \"userEnvProbe\": \"bash\",\n \"customizations\": {\"berth\": {\"chownPaths\":"
                + " [\"venv\"]}}}");
    assertThat(loadFails().diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            f + ":2:12: error: capAdd: expected an array of strings",
            f + ":3:24: error: containerEnv.A: expected a string",
            f
                + ":4:18: error: userEnvProbe: expected none, loginShell, loginInteractiveShell or"
                + " interactiveShell",
            f + ":5:46: error: customizations.berth.chownPaths: 'venv' is not an absolute path");
  }

  @Test
  void unsupportedFeatures_areErrorsNamingTheFeature() throws Exception {
    for (String[] c :
        new String[][] {
          {"https://example.com/devcontainer-feature-x.tgz", "tarball URL are not supported"},
          {"node", "use ghcr.io/devcontainers/features/node:1"},
          {"owner/repo/feature@v1", "Features from GitHub releases"},
          {"../outside", "a local Feature must be in a folder inside"},
          {"/abs/feature", "an absolute path is not allowed"},
          {"ghcr.io/x/y@sha256:abc", "is not sha256: followed by 64 hex digits"},
        }) {
      write(
          ".devcontainer/devcontainer.json",
          "{\"image\": \"x\", \"features\": {\"" + c[0] + "\": {}}}");
      BerthException e = loadFails();
      assertThat(e.first().code()).isEqualTo("unsupported-feature");
      assertThat(e.first().message()).startsWith("Feature '" + c[0] + "': ").contains(c[1]);
    }
  }

  @Test
  void laterPhases_substituteTheIdAndTheContainerEnvironment() throws Exception {
    write(
        ".devcontainer/devcontainer.json",
        "{\"image\": \"x\", \"mounts\": [\"type=volume,source=v-${devcontainerId},target=/v\"],"
            + " \"remoteEnv\": {\"PATH\": \"${containerEnv:PATH}:/opt\"}}");
    LoadedConfig c = load();
    assertThat(c.config().metadata().mounts().get(0).mount().source())
        .contains("v-${devcontainerId}");
    LoadedConfig withId = c.withDevcontainerId("abc");
    assertThat(withId.config().metadata().mounts().get(0).mount().source()).contains("v-abc");
    LoadedConfig running = withId.withContainerEnv(Map.of("PATH", "/usr/bin"));
    assertThat(running.config().metadata().remoteEnv())
        .containsExactly(Map.entry("PATH", Optional.of("/usr/bin:/opt")));
    assertThat(running.rawJson().get("mounts").get(0).textValue())
        .as("the file as written is kept for the image label")
        .isEqualTo("type=volume,source=v-${devcontainerId},target=/v");
  }
}
