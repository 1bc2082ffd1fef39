package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.DeviceOption;
import dev.berth.app.Privileges;
import dev.berth.app.RunOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ContainerOptionsTest {

  private static RunOptions parse(String... args) throws Exception {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run.container.options(run.image, run.command, run.detach);
  }

  @Test
  void withoutFlagsAContainerHasDockersDefaults() throws Exception {
    assertThat(parse("img").privileges()).isEqualTo(Privileges.DEFAULT);
  }

  @Test
  void privilegeFlagsBecomeTheTypedRequest() throws Exception {
    RunOptions o =
        parse(
            "--privileged",
            "--cap-add",
            "NET_ADMIN",
            "--cap-add=cap_sys_ptrace",
            "--cap-drop",
            "ALL",
            "--device",
            "/dev/null:/dev/mynull:r",
            "--device",
            "/dev/fuse",
            "img",
            "true");
    assertThat(o.privileges())
        .isEqualTo(
            new Privileges(
                true,
                List.of("NET_ADMIN", "cap_sys_ptrace"),
                List.of("ALL"),
                List.of(
                    new DeviceOption(Path.of("/dev/null"), "/dev/mynull", "r"),
                    new DeviceOption(Path.of("/dev/fuse"), "/dev/fuse", "rwm"))));
  }

  @Test
  void aBadDeviceIsABadInputError() {
    for (String bad : List.of("/dev/null:/dev/x:rwx", "relative", "/a:/b:r:w")) {
      for (String command : List.of("run", "create")) {
        CliRun r = CliRun.of(command, "--device", bad, "img");
        assertThat(r.exitCode()).as("%s --device %s", command, bad).isEqualTo(2);
        assertThat(r.err()).contains("--device").doesNotContain("Exception");
      }
    }
  }
}
