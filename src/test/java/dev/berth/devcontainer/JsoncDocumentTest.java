package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.DiagnosticRenderer;
import dev.berth.diag.SourceRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsoncDocumentTest {

  private static final String TEXT =
      """
      // leading comment
      {
        "image": "x", /* block */
        "build": {
          "args": {"X": "1",},
        },
        "list": [1, 2.0, 3.5,],
      }
      """;

  @Test
  void commentsAndTrailingCommas_areAccepted() throws BerthException {
    JsoncDocument doc = JsoncDocument.parse("devcontainer.json", TEXT);
    assertThat(doc.root())
        .isEqualTo(
            Json.parse("{\"image\":\"x\",\"build\":{\"args\":{\"X\":\"1\"}},\"list\":[1,2,3.5]}"));
  }

  @Test
  void everyValueAndNameHasItsPosition() throws BerthException {
    JsoncDocument doc = JsoncDocument.parse("devcontainer.json", TEXT);
    assertThat(doc.rangeOf("/build/args/X")).isEqualTo(SourceRange.at("devcontainer.json", 5, 19));
    assertThat(doc.nameRangeOf("/build/args/X"))
        .isEqualTo(SourceRange.at("devcontainer.json", 5, 14));
    assertThat(doc.rangeOf("/list/2")).isEqualTo(SourceRange.at("devcontainer.json", 7, 20));
    assertThat(doc.rangeOf("/build/nothing/here")).isEqualTo(doc.rangeOf("/build"));
    assertThat(doc.rangeOf("")).isEqualTo(SourceRange.at("devcontainer.json", 2, 1));
  }

  @Test
  void syntaxError_givesLineColumnAndCaret() {
    String text = "{\n  \"image\": \"x\",\n  \"name\": ,\n}\n";
    BerthException e =
        catchThrowableOfType(
            BerthException.class, () -> JsoncDocument.parse("/w/devcontainer.json", text));
    assertThat(e.first().code()).isEqualTo("jsonc-syntax");
    assertThat(e.first().range()).isEqualTo(SourceRange.at("/w/devcontainer.json", 3, 11));
    assertThat(e.first().message()).startsWith("invalid JSON: Unexpected character (','");
    String rendered = new DiagnosticRenderer(f -> List.of(text.split("\n"))).render(e.first());
    assertThat(rendered)
        .startsWith("/w/devcontainer.json:3:11: error: invalid JSON: ")
        .endsWith("    \"name\": ,\n              ^\n");
  }

  @Test
  void unclosedObject_isReportedWithoutJacksonsSourceNoise() {
    BerthException e =
        catchThrowableOfType(
            BerthException.class, () -> JsoncDocument.parse("f.json", "{\"a\": 1"));
    assertThat(e.first().message()).doesNotContain("Source").contains("expected close marker");
  }

  @Test
  void emptyFile_andTrailingContent_areErrors() {
    BerthException empty =
        catchThrowableOfType(BerthException.class, () -> JsoncDocument.parse("f.json", "  \n"));
    assertThat(empty.first().message()).isEqualTo("the file is empty; expected a JSON object");
    BerthException twice =
        catchThrowableOfType(BerthException.class, () -> JsoncDocument.parse("f.json", "{} {}"));
    assertThat(twice.first().message())
        .isEqualTo("expected the end of the file after the top-level value");
    assertThat(twice.first().range()).isEqualTo(SourceRange.at("f.json", 1, 4));
  }
}
