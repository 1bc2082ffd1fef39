package dev.berth.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfCommandTest {

  @Test
  void theJitOptionsAreBinBerthsForEachCommand() throws IOException {
    String script = Files.readString(Path.of("bin", "berth"), StandardCharsets.UTF_8);
    for (String command : List.of("build", "import", "load", "pull", "images", "run")) {
      for (String option : SelfCommand.jitOptions(command)) {
        assertThat(script).as(command).contains(option);
      }
    }
    assertThat(SelfCommand.jitOptions("pull")).isEmpty();
    assertThat(SelfCommand.jitOptions("push")).isEmpty();
    assertThat(SelfCommand.jitOptions("save")).isEmpty();
    assertThat(SelfCommand.jitOptions("images")).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(SelfCommand.jitOptions("build")).contains("-XX:Tier4BackEdgeThreshold=400000");
  }
}
