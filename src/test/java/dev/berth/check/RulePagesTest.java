package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule has a page: BuildKit's on docs.docker.com, berth's a section of check-rules.md. */
class RulePagesTest {

  @Test
  void everyBerthRuleHasItsSectionInCheckRulesMd() throws IOException {
    String doc = Files.readString(Path.of("docs/check-rules.md"));
    Set<String> names = new HashSet<>();
    for (Rule r : Rules.all()) {
      assertThat(names.add(r.name())).as("one rule named " + r.name()).isTrue();
      assertThat(r.description()).as(r.name()).isNotBlank();
      if (r.origin() == Origin.BERTH) {
        String anchor = r.url().substring(r.url().indexOf('#') + 1);
        assertThat(r.url()).startsWith("docs/check-rules.md#");
        assertThat(doc).as(r.name()).contains("<a id=\"" + anchor + "\"></a>\n### " + r.name());
      } else {
        assertThat(r.url()).startsWith("https://docs.docker.com/go/dockerfile/rule/");
      }
    }
  }
}
