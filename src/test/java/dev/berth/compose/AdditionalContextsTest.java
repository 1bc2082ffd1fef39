package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build.additional_contexts} reaches the build request, local paths made absolute. */
class AdditionalContextsTest {

  @TempDir Path dir;

  @Test
  void pathsAreResolvedAgainstTheProjectAndUrlsKept() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(
        dir.resolve("compose.yaml"),
        "services:\n"
            + "  app:\n"
            + "    build:\n"
            + "      context: .\n"
            + "      additional_contexts:\n"
            + "        lib: ../lib\n"
            + "        base: docker-image://alpine:3.20\n"
            + "        src: https://example.com/x.git#v1\n");
    BuildRequest b = ComposeLoader.load(LoadOptions.of(dir, Map.of())).buildRequests().get(0);
    assertThat(b.additionalContexts())
        .containsExactly(
            Map.entry("base", "docker-image://alpine:3.20"),
            Map.entry("lib", dir.resolve("../lib").normalize().toString()),
            Map.entry("src", "https://example.com/x.git#v1"));
  }
}
