package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of rendering that the golden files do not each show. */
class SetupRendererTest {

  @Test
  void filesInFoldersAreCopiedToTheirFolders() {
    assertThat(
            SetupRenderer.copies(
                List.of("requirements.txt", "requirements/base.txt", "constraints.txt")))
        .containsExactly(
            Map.of("sources", "requirements.txt constraints.txt", "destination", "./"),
            Map.of("sources", "requirements/base.txt", "destination", "requirements/"));
  }

  @Test
  void execFormIsJsonWithTheSpacesPeopleWrite() {
    assertThat(SetupRenderer.execForm(List.of("/opt/venv/bin/python", "-c", "print(\"hi\")")))
        .isEqualTo("[\"/opt/venv/bin/python\", \"-c\", \"print(\\\"hi\\\")\"]");
  }

  @Test
  void commentsAreFilledToOneHundredColumns() {
    String words = "# " + "word ".repeat(40);
    String wrapped = Comments.wrap(words + "\n");
    assertThat(wrapped.lines())
        .allSatisfy(l -> assertThat(l).startsWith("# ").hasSizeLessThanOrEqualTo(100));
    assertThat(wrapped).endsWith("word\n");
    assertThat(wrapped.replace("\n# ", " ")).isEqualTo(words.strip() + "\n");
  }
}
