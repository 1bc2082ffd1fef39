package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeSourceTest {

  private static final String TEXT =
      """
      version: "3"
      services:
        app:
          image: "${DOCKER_IMAGE?Variable not set}:latest"
          build:
            target: app
            args:
              - "UID=${UID:-1000}"
              - GID
          environment:
            LEVEL:
      """;

  @Test
  void valuesAreAsWrittenAndPlacedByKeyAndIndex() throws BerthException {
    ComposeSource src = ComposeSource.read("compose.yaml", TEXT);
    assertThat(src.text("services", "app", "image"))
        .contains("${DOCKER_IMAGE?Variable not set}:latest");
    assertThat(src.valueRange("services", "app", "build", "target"))
        .contains(SourceRange.at("compose.yaml", 6, 15));
    assertThat(src.keyRange("services", "app", "build", "target"))
        .contains(SourceRange.at("compose.yaml", 6, 7));
    assertThat(src.keyRange("version")).contains(SourceRange.at("compose.yaml", 1, 1));
    assertThat(src.size("services", "app", "build", "args")).isEqualTo(2);
    assertThat(src.text("services", "app", "build", "args", "1")).contains("GID");
    assertThat(src.valueRange("services", "app", "build", "args", "0"))
        .contains(SourceRange.at("compose.yaml", 8, 11));
    assertThat(src.keys("services", "app")).containsExactly("image", "build", "environment");
    assertThat(src.has("services", "app", "environment", "LEVEL")).isFalse();
    assertThat(src.text("services", "nope")).isEmpty();
    assertThat(src.size("services", "app")).isZero();
  }

  @Test
  void stringsListsEveryStringWithItsPath() throws BerthException {
    List<ComposeSource.Scalar> strings = ComposeSource.read("compose.yaml", TEXT).strings();
    assertThat(strings)
        .extracting(s -> String.join(".", s.path()) + "=" + s.text())
        .containsExactly(
            "version=3",
            "services.app.image=${DOCKER_IMAGE?Variable not set}:latest",
            "services.app.build.target=app",
            "services.app.build.args.0=UID=${UID:-1000}",
            "services.app.build.args.1=GID");
  }

  @Test
  void aLaterDocumentWinsAndBadYamlIsPlaced() throws BerthException {
    ComposeSource two =
        ComposeSource.read("c.yaml", "services: {a: {image: x}}\n---\nservices: {a: {image: y}}\n");
    assertThat(two.text("services", "a", "image")).contains("y");
    assertThatThrownBy(() -> ComposeSource.read("c.yaml", "services: [\n"))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.first().range().file()).isEqualTo("c.yaml"));
  }
}
