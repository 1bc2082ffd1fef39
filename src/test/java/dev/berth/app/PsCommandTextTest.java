package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PsCommandTextTest {

  @Test
  void argumentsWithSpacesAreQuotedAsDockerPsShowsThem() {
    assertThat(ContainerService.psCommand(List.of("/bin/sh", "sh", "-c", "echo hi")))
        .isEqualTo("/bin/sh sh -c 'echo hi'");
    assertThat(ContainerService.psCommand(List.of("/my prog", "x"))).isEqualTo("/my prog x");
    assertThat(ContainerService.psCommand(List.of())).isEmpty();
  }
}
