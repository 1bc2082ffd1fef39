package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format} on the list commands that need no image: volumes and networks. */
class ListFormatTest {

  @TempDir Path tmp;

  @Test
  void volumeLsTakesTablesTemplatesAndJson() {
    String root = tmp.resolve("store").toString();
    assertThat(CliRun.of("volume", "create", "--root", root, "data").exitCode()).isZero();
    assertThat(CliRun.of("volume", "create", "--root", root, "cache-with-a-long-name").exitCode())
        .isZero();

    CliRun table = CliRun.of("volume", "ls", "--root", root);
    assertThat(table.out())
        .isEqualTo("DRIVER    VOLUME NAME\nlocal     cache-with-a-long-name\nlocal     data\n");
    assertThat(CliRun.of("volume", "ls", "--root", root, "--format", "{{.Name}}").out())
        .isEqualTo("cache-with-a-long-name\ndata\n");
    assertThat(
            CliRun.of("volume", "ls", "--root", root, "--format", "table {{.Name}}\\t{{.Scope}}")
                .out())
        .isEqualTo(
            "VOLUME NAME              SCOPE\n"
                + "cache-with-a-long-name   local\n"
                + "data                     local\n");
    assertThat(CliRun.of("volume", "ls", "--root", root, "--format", "json").out())
        .isEqualTo(
            "{\"Driver\":\"local\",\"Name\":\"cache-with-a-long-name\",\"Scope\":\"local\"}\n"
                + "{\"Driver\":\"local\",\"Name\":\"data\",\"Scope\":\"local\"}\n");

    CliRun bad = CliRun.of("volume", "ls", "--root", root, "--format", "{{.Mountpoint}}");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains(
            "template: :1:2: executing \"\" at <.Mountpoint>: can't evaluate field Mountpoint in"
                + " type volume");
    CliRun syntax = CliRun.of("volume", "ls", "--root", root, "--format", "{{if .Name}}");
    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.err()).contains("template: :1: unexpected EOF in if");
  }

  @Test
  void networkLsShowsTheDefaultNetworkInEachFormat() {
    String root = tmp.resolve("store").toString();
    CliRun table = CliRun.of("network", "ls", "--root", root);
    assertThat(table.out()).startsWith("NETWORK ID     NAME      DRIVER    SUBNET\n");
    assertThat(table.out()).contains("   berth     bridge    ");
    assertThat(
            CliRun.of("network", "ls", "--root", root, "--format", "{{.Name}} {{.Driver}}").out())
        .isEqualTo("berth bridge\n");
    assertThat(CliRun.of("network", "ls", "--root", root, "--format", "json").out())
        .matches(
            "\\{\"Driver\":\"bridge\",\"ID\":\"[0-9a-f]{12}\",\"Name\":\"berth\","
                + "\"Scope\":\"local\",\"Subnet\":\"[0-9./]+\"\\}\n");
  }
}
