package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciConfigTest {

  private static final ResolvedUser ROOT = new ResolvedUser(0, 0, List.of(), "/root");
  private static final ResolvedUser NOBODY = new ResolvedUser(65534, 65534, List.of(), "/");

  @TempDir Path tmp;

  private ObjectNode config(Security security, ResolvedUser user) throws Exception {
    BundleSpec bundle =
        new BundleSpec(
                ProcessSpec.of(List.of("true")),
                tmp.resolve("rootfs"),
                tmp.resolve("hosts"),
                tmp.resolve("resolv.conf"),
                Optional.empty(),
                Optional.empty())
            .withSecurity(security);
    return OciConfig.build(bundle, user, Optional.empty());
  }

  private static List<String> rules(JsonNode config) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : config.path("linux").path("resources").path("devices")) {
      out.add(
          (r.path("allow").asBoolean() ? "allow " : "deny ")
              + r.path("type").asText("a")
              + " "
              + (r.has("major") ? r.path("major").asText() : "*")
              + ":"
              + (r.has("minor") ? r.path("minor").asText() : "*")
              + " "
              + r.path("access").asText());
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theDefaultDeniesEveryDeviceButDockersStandardOnesAndAllowsMakingAny() throws Exception {
    ObjectNode c = config(Security.DEFAULT, ROOT);
    assertThat(rules(c))
        .containsExactly(
            "deny a *:* rwm",
            "allow c *:* m",
            "allow b *:* m",
            "allow c 1:3 rwm",
            "allow c 1:5 rwm",
            "allow c 1:7 rwm",
            "allow c 1:8 rwm",
            "allow c 1:9 rwm",
            "allow c 5:0 rwm",
            "allow c 5:1 rwm",
            "allow c 5:2 rwm",
            "allow c 136:* rwm");
    assertThat(c.path("linux").has("devices")).as("no extra device nodes").isFalse();
    assertThat(strings(c.path("linux").path("maskedPaths"))).contains("/proc/kcore");
  }

  @Test
  void rootGetsDockersCapabilitiesInEffectAndNobodyAmbient() throws Exception {
    JsonNode caps = config(Security.DEFAULT, ROOT).path("process").path("capabilities");
    assertThat(strings(caps.path("bounding"))).containsExactlyElementsOf(Capabilities.DEFAULT);
    assertThat(strings(caps.path("effective"))).containsExactlyElementsOf(Capabilities.DEFAULT);
    assertThat(strings(caps.path("permitted"))).containsExactlyElementsOf(Capabilities.DEFAULT);
    assertThat(strings(caps.path("ambient"))).isEmpty();
    assertThat(strings(caps.path("inheritable"))).isEmpty();
  }

  @Test
  void aNonRootUserKeepsOnlyTheBoundingSet() throws Exception {
    JsonNode caps = config(Security.DEFAULT, NOBODY).path("process").path("capabilities");
    assertThat(strings(caps.path("bounding"))).containsExactlyElementsOf(Capabilities.DEFAULT);
    assertThat(strings(caps.path("effective"))).isEmpty();
    assertThat(strings(caps.path("permitted"))).isEmpty();
    assertThat(strings(caps.path("ambient"))).isEmpty();
  }

  @Test
  void droppedCapabilitiesAreGoneFromEverySet() throws Exception {
    Security s =
        new Security(false, Capabilities.resolve(List.of(), List.of("ALL"), false), List.of());
    JsonNode caps = config(s, ROOT).path("process").path("capabilities");
    assertThat(strings(caps.path("bounding"))).isEmpty();
    assertThat(strings(caps.path("effective"))).isEmpty();
  }

  @Test
  void anAddedDeviceIsCreatedWithItsHostNumbersAndAllowedAsAsked() throws Exception {
    DeviceNode mynull = DeviceNode.fromHost(Path.of("/dev/null"), "/dev/mynull", "rw");
    ObjectNode c = config(new Security(false, Capabilities.DEFAULT, List.of(mynull)), ROOT);
    JsonNode devices = c.path("linux").path("devices");
    assertThat(devices).hasSize(1);
    assertThat(devices.get(0).path("path").asText()).isEqualTo("/dev/mynull");
    assertThat(devices.get(0).path("type").asText()).isEqualTo("c");
    assertThat(devices.get(0).path("major").asLong()).isEqualTo(1);
    assertThat(devices.get(0).path("minor").asLong()).isEqualTo(3);
    assertThat(rules(c)).startsWith("deny a *:* rwm").endsWith("allow c 1:3 rw");
  }

  @Test
  void privilegedAllowsEveryDeviceAndCapabilityWithTheHostsNodesAndNoMasks() throws Exception {
    Security s = new Security(true, Capabilities.resolve(List.of(), List.of(), true), List.of());
    ObjectNode c = config(s, ROOT);
    assertThat(rules(c)).containsExactly("allow a *:* rwm");
    assertThat(strings(c.path("process").path("capabilities").path("bounding")))
        .containsExactlyElementsOf(Capabilities.held())
        .contains("CAP_SYS_ADMIN");
    List<String> paths = new ArrayList<>();
    c.path("linux").path("devices").forEach(d -> paths.add(d.path("path").asText()));
    assertThat(paths).contains("/dev/null");
    assertThat(c.path("linux").has("maskedPaths")).isFalse();
    assertThat(c.path("linux").has("readonlyPaths")).isFalse();
    JsonNode sys = null;
    for (JsonNode m : c.path("mounts")) {
      if (m.path("destination").asText().equals("/sys")) {
        sys = m;
      }
    }
    assertThat(sys).isNotNull();
    assertThat(strings(sys.path("options"))).contains("rw").doesNotContain("ro");
  }

  @Test
  void anExecProcessGetsTheContainersCapabilities() throws Exception {
    ObjectNode p =
        OciConfig.process(
            ExecSpec.of(List.of("true")),
            ROOT,
            new Security(
                false,
                List.of("CAP_CHOWN", "CAP_KILL"),
                List.of(),
                Optional.empty(),
                true,
                List.of("no-new-privileges")));
    assertThat(strings(p.path("capabilities").path("bounding")))
        .containsExactly("CAP_CHOWN", "CAP_KILL");
    assertThat(p.path("noNewPrivileges").asBoolean()).isTrue();
  }

  @Test
  void theDefaultHasDockersSeccompProfileAndPrivilegedOrUnconfinedHaveNone() throws Exception {
    JsonNode seccomp = config(Security.DEFAULT, ROOT).path("linux").path("seccomp");
    assertThat(seccomp.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
    assertThat(seccomp).isEqualTo(DefaultSeccomp.forCapabilities(Capabilities.DEFAULT).toOci());
    assertThat(config(Security.DEFAULT, ROOT).path("process").path("noNewPrivileges").asBoolean())
        .isFalse();
    Security privileged =
        new Security(true, Capabilities.resolve(List.of(), List.of(), true), List.of());
    assertThat(config(privileged, ROOT).path("linux").has("seccomp")).isFalse();
    Security unconfined =
        new Security(
            false,
            Capabilities.DEFAULT,
            List.of(),
            Optional.empty(),
            false,
            List.of("seccomp=unconfined"));
    assertThat(config(unconfined, ROOT).path("linux").has("seccomp")).isFalse();
  }

  @Test
  void aRunStepsConfigHasTheDefaults() throws Exception {
    ObjectNode c =
        OciConfig.build(
            ProcessSpec.of(List.of("true")),
            ROOT,
            tmp,
            EtcFiles.write(tmp, "berth", NetworkMode.HOST),
            Optional.empty());
    assertThat(rules(c)).first().isEqualTo("deny a *:* rwm");
    assertThat(rules(c)).contains("allow c 136:* rwm").hasSize(12);
    assertThat(strings(c.path("process").path("capabilities").path("bounding")))
        .containsExactlyElementsOf(Capabilities.DEFAULT);
    assertThat(c.path("linux").path("seccomp").path("syscalls").size()).isGreaterThan(10);
  }

  @Test
  void aDeviceRuleHasItsCgroupV1Line() {
    assertThat(DeviceRule.DENY_ALL.v1Line()).isEqualTo("a");
    assertThat(DeviceRule.allowChar(1, 3, "rwm").v1Line()).isEqualTo("c 1:3 rwm");
    assertThat(DeviceRule.DEFAULTS.get(0).v1Line()).isEqualTo("c *:* m");
    assertThat(DeviceRule.DEFAULTS.get(DeviceRule.DEFAULTS.size() - 1).v1Line())
        .isEqualTo("c 136:* rwm");
  }

  @Test
  void ulimitsReplaceTheDefaultNofileAndShmSizeSetsTheTmpfs() throws Exception {
    ProcessExtras extras =
        new ProcessExtras(
            List.of(new ProcessExtras.HostEntry("db", "10.0.0.5")),
            List.of(
                new ProcessExtras.Rlimit("RLIMIT_NOFILE", 1024, 2048),
                new ProcessExtras.Rlimit("RLIMIT_CORE", -1, -1)),
            java.util.OptionalLong.of(128L << 20));
    BundleSpec bundle =
        new BundleSpec(
            ProcessSpec.of(List.of("true")).withExtras(extras),
            tmp.resolve("rootfs"),
            tmp.resolve("hosts"),
            tmp.resolve("resolv.conf"),
            Optional.empty(),
            Optional.empty());
    ObjectNode c = OciConfig.build(bundle, ROOT, Optional.empty());
    JsonNode rlimits = c.path("process").path("rlimits");
    assertThat(rlimits).hasSize(2);
    assertThat(rlimits.get(0).path("type").asText()).isEqualTo("RLIMIT_NOFILE");
    assertThat(rlimits.get(0).path("soft").asLong()).isEqualTo(1024);
    assertThat(rlimits.get(0).path("hard").asLong()).isEqualTo(2048);
    assertThat(rlimits.get(1).path("hard").bigIntegerValue().toString())
        .as("unlimited is RLIM_INFINITY")
        .isEqualTo("18446744073709551615");
    JsonNode shm = null;
    for (JsonNode m : c.path("mounts")) {
      if (m.path("destination").asText().equals("/dev/shm")) {
        shm = m;
      }
    }
    assertThat(strings(shm.path("options"))).contains("size=134217728");
    assertThat(extras.hostsLines()).isEqualTo("10.0.0.5\tdb\n");
  }
}
