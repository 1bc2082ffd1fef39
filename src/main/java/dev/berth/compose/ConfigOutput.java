package dev.berth.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** {@code docker compose config}'s YAML and JSON, and the per-service config hash. */
final class ConfigOutput {
  private ConfigOutput() {}

  static String json(ComposeProject p) {
    return GoJson.indented(new Canonical(Canonical.Flavor.JSON).project(p)) + "\n";
  }

  static String yaml(ComposeProject p) {
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(Integer.MAX_VALUE)
            .setSplitLines(false)
            .build();
    return new Dump(settings).dumpToString(new Canonical(Canonical.Flavor.YAML).project(p));
  }

  /**
   * The hash docker compose stores in {@code com.docker.compose.config-hash}: SHA-256 of the
   * service's compact JSON without the fields that do not change a container (build, pull policy,
   * scale and replicas, depends_on, profiles).
   */
  static String configHash(Service s) {
    Map<String, Object> json = new Canonical(Canonical.Flavor.JSON).service(s);
    json.remove("build");
    json.remove("pull_policy");
    json.remove("scale");
    json.remove("depends_on");
    json.remove("profiles");
    if (json.get("deploy") instanceof Map<?, ?> deploy) {
      @SuppressWarnings("unchecked")
      Map<String, Object> d = (Map<String, Object>) deploy;
      d.remove("replicas");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(GoJson.compact(json).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
