package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code create} with docker's --add-host, --ulimit and --shm-size. */
class RunExtrasIT {

  @TempDir Path tmp;

  @Test
  void runAndCreateSeeAddedHostsLimitsAndShmSize() throws Exception {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Leaks before = Leaks.of(store);
    String probe =
        "cat /etc/hosts; echo nofile $(ulimit -n) $(ulimit -Hn); df -k /dev/shm | tail -n 1";
    Berth.Result r =
        berth
            .run(
                "run",
                "--rm",
                "--network",
                "host",
                "--add-host",
                "db:10.1.2.3",
                "--add-host",
                "gw=host-gateway",
                "--ulimit",
                "nofile=512:1024",
                "--shm-size",
                "32m",
                BusyboxBase.IMAGE,
                "sh",
                "-c",
                probe)
            .ok();
    assertThat(r.out()).contains("10.1.2.3\tdb\n", "127.0.0.1\tgw\n", "nofile 512 1024\n");
    assertThat(r.out()).contains(" 32768 ");

    // create keeps them for start; on a berth network host-gateway is the network's gateway.
    berth
        .run(
            "create",
            "--name",
            "job",
            "--add-host",
            "gw:host-gateway",
            "--ulimit",
            "nofile=256:256",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            probe)
        .ok();
    berth.run("start", "job").ok();
    assertThat(berth.run("wait", "job").ok().out().trim()).isEqualTo("0");
    String logs = berth.run("logs", "job").ok().out();
    assertThat(logs).containsPattern("10\\.89\\.\\d+\\.1\tgw\n").contains("nofile 256 256\n");
    assertThat(logs).contains(" 65536 ");
    berth.run("rm", "job").ok();

    Berth.Result none =
        berth.run(
            "run",
            "--rm",
            "--network",
            "none",
            "--add-host",
            "gw:host-gateway",
            BusyboxBase.IMAGE,
            "true");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("has no way to the host");
    Berth.Result bad = berth.run("run", "--rm", "--ulimit", "nofiles=1", BusyboxBase.IMAGE, "true");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid ulimit type: nofiles");
    Leaks.awaitQuiet(store);
    assertThat(Leaks.of(store)).isEqualTo(before);
  }
}
