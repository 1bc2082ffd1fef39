package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.devcontainer.ConfigLoader;
import dev.berth.devcontainer.FeatureFetcher;
import dev.berth.devcontainer.FeatureResolver;
import dev.berth.devcontainer.FeatureSet;
import dev.berth.devcontainer.GitRoot;
import dev.berth.devcontainer.LoadedConfig;
import dev.berth.devcontainer.MetadataChain;
import dev.berth.devcontainer.MetadataLabel;
import dev.berth.devcontainer.ReadConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * berth's read-configuration output against the reference CLI's ({@code devcontainer
 * read-configuration} from {@code @devcontainers/cli}), for every case under {@code
 * src/test/resources/devcontainer/cases/}.
 *
 * <p>A case is a folder: {@code workspace/} is copied to a temporary folder and opened by both
 * tools, and the optional {@code case.json} gives the environment both see ({@code env}), extra
 * flags ({@code args}, such as {@code --include-merged-configuration}), the base image the fake
 * docker reports ({@code image}: its {@code Config}), whether the copy is a git repository ({@code
 * git}), a sub-folder to open ({@code open}), a {@code --config} only the reference CLI needs
 * ({@code cliConfig}), and the places berth deliberately differs ({@code deviations}: pointer, the
 * reference CLI's value, berth's value, and why).
 *
 * <p>The reference CLI is given a fake docker that knows no containers and answers {@code docker
 * inspect} with the case's image, so nothing it prints depends on a Docker daemon. Left out of the
 * comparison: {@code ociAuthDiagnostics} (the reference CLI's report on its own registry
 * authentication, which berth does not have), and in {@code featuresConfiguration} the {@code
 * dstFolder} and {@code cachePath} of each Feature (the scratch folder, named after the time, the
 * reference CLI copies Features to for its docker build).
 */
class ReadConfigurationIT {

  private static final Path CASES = Path.of("src/test/resources/devcontainer/cases");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameAsTheReferenceCli(String name, @TempDir Path tmp) throws Exception {
    Tools.require("devcontainer", "read-configuration compared with @devcontainers/cli");
    Path caseDir = CASES.resolve(name);
    JsonNode spec =
        Files.exists(caseDir.resolve("case.json"))
            ? MAPPER.readTree(caseDir.resolve("case.json").toFile())
            : MAPPER.createObjectNode();
    Path root = tmp.resolve(name);
    copyTree(caseDir.resolve("workspace"), root);
    if (spec.path("git").asBoolean(false)) {
      Tools.require("git", "the default workspace mount is the git root");
      Berth.exec("git", "init", "-q", root.toString()).ok();
    }
    Path workspace = root.resolve(spec.path("open").asText(""));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("TMPDIR", scratch.toString());
    spec.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    List<String> args = new ArrayList<>();
    spec.path("args").forEach(a -> args.add(a.asText()));

    JsonNode reference = referenceOutput(tmp, workspace, spec, env, args);
    JsonNode berth = berthOutput(workspace, spec, env, args);

    for (JsonNode d : spec.path("deviations")) {
      String pointer = d.get("pointer").asText();
      assertThat(reference.at(pointer))
          .as("the reference CLI's value at %s (%s)", pointer, d.path("why").asText())
          .isEqualTo(d.get("reference"));
      assertThat(berth.at(pointer))
          .as("berth's value at %s (%s)", pointer, d.path("why").asText())
          .isEqualTo(d.get("berth"));
      replace(berth, pointer, d.get("reference"));
    }
    assertThat(berth)
        .as("berth's read-configuration output (reference CLI: %s)", reference.toPrettyString())
        .isEqualTo(reference);
  }

  private static JsonNode referenceOutput(
      Path tmp, Path workspace, JsonNode spec, Map<String, String> env, List<String> args)
      throws IOException {
    Path image = tmp.resolve("image.json");
    ObjectNode inspect = MAPPER.createObjectNode();
    inspect.put("Id", "sha256:" + "1".repeat(64));
    inspect.put("Os", "linux");
    inspect.put("Architecture", "amd64");
    inspect.set(
        "Config",
        spec.path("image").isMissingNode() ? MAPPER.createObjectNode() : spec.get("image"));
    Files.writeString(image, "[" + inspect + "]");
    Path docker = tmp.resolve("fake-docker");
    Files.writeString(
        docker,
        "#!/bin/sh\n"
            + "case \"$1\" in\n"
            + "  ps) exit 0 ;;\n"
            + "  inspect) cat '"
            + image
            + "' ;;\n"
            + "  *) echo \"fake docker: no $1\" >&2; exit 1 ;;\n"
            + "esac\n");
    docker.toFile().setExecutable(true);
    List<String> cmd = new ArrayList<>();
    cmd.add("devcontainer");
    cmd.add("read-configuration");
    cmd.add("--workspace-folder");
    cmd.add(workspace.toString());
    cmd.add("--docker-path");
    cmd.add(docker.toString());
    if (spec.has("cliConfig")) {
      cmd.add("--config");
      cmd.add(workspace.resolve(spec.get("cliConfig").asText()).toString());
    }
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workspace.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = tmp.resolve("cli.out");
    Path err = tmp.resolve("cli.err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue())
        .as("devcontainer read-configuration: %s", Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
    ObjectNode result = (ObjectNode) MAPPER.readTree(stdout.strip());
    result.remove("ociAuthDiagnostics");
    JsonNode features = result.path("featuresConfiguration");
    if (features.isObject()) {
      ((ObjectNode) features).remove("dstFolder");
      for (JsonNode set : features.path("featureSets")) {
        for (JsonNode f : set.path("features")) {
          ((ObjectNode) f).remove("cachePath");
        }
      }
    }
    return result;
  }

  private static JsonNode berthOutput(
      Path workspace, JsonNode spec, Map<String, String> env, List<String> args) throws Exception {
    LoadedConfig loaded =
        new ConfigLoader(env, GitRoot.GIT).load(ConfigLoader.Request.of(workspace));
    boolean merged = args.contains("--include-merged-configuration");
    boolean features = merged || args.contains("--include-features-configuration");
    Optional<FeatureSet> featureSet =
        features
            ? Optional.of(new FeatureResolver(FeatureFetcher.LOCAL_ONLY).resolve(loaded))
            : Optional.empty();
    Optional<MetadataChain> chain = Optional.empty();
    if (merged) {
      JsonNode label = spec.path("image").path("Labels").path(MetadataLabel.NAME);
      List<ObjectNode> base =
          label.isTextual()
              ? MetadataLabel.parse(label.asText(), "the case's image").entries()
              : List.of();
      chain = Optional.of(MetadataChain.of(loaded, base, featureSet.orElseThrow()));
    }
    return MAPPER.readTree(ReadConfiguration.render(loaded, featureSet, chain).toString());
  }

  private static void replace(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent.isObject()) {
      ((ObjectNode) parent).set(key, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(key), value);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
