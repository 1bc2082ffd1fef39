package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunArgsTest {

  private static final Map<String, String> HOST_ENV = Map.of("FROM_HOST", "hv");

  static List<Arguments> rows() {
    return Tables.rows("runargs.txt");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rows")
  void parse_readsTheSupportedFlags(String argsJson, String expected) {
    List<String> args = new ArrayList<>();
    Json.parse(argsJson).forEach(a -> args.add(a.textValue()));
    if (expected.startsWith("error: ")) {
      assertThatThrownBy(() -> RunArgs.parse(args, HOST_ENV))
          .isInstanceOf(RunArgs.BadRunArgException.class)
          .hasMessage(expected.substring("error: ".length()));
    } else {
      assertThat(describe(RunArgs.parse(args, HOST_ENV))).isEqualTo(expected);
    }
  }

  @Test
  void badArgument_saysWhichArgumentItIs() {
    assertThatThrownBy(() -> RunArgs.parse(List.of("--init", "--cap-add", "X", "--gpus"), HOST_ENV))
        .isInstanceOfSatisfying(
            RunArgs.BadRunArgException.class, e -> assertThat(e.index()).isEqualTo(3));
  }

  /** The parts of a RunArgs that are set, in a fixed order. */
  private static String describe(RunArgs r) {
    List<String> parts = new ArrayList<>();
    list(parts, "capAdd", r.capAdd());
    list(parts, "capDrop", r.capDrop());
    list(parts, "securityOpt", r.securityOpt());
    if (!r.env().isEmpty()) {
      parts.add("env=" + r.env());
    }
    if (!r.labels().isEmpty()) {
      parts.add("labels=" + r.labels());
    }
    r.network().ifPresent(n -> parts.add("network=" + n));
    list(parts, "addHosts", r.addHosts());
    r.init().ifPresent(b -> parts.add("init=" + b));
    r.privileged().ifPresent(b -> parts.add("privileged=" + b));
    r.user().ifPresent(u -> parts.add("user=" + u));
    r.hostname().ifPresent(h -> parts.add("hostname=" + h));
    r.userns().ifPresent(u -> parts.add("userns=" + u));
    list(parts, "mounts", r.mounts().stream().map(Mount::toString).toList());
    list(
        parts,
        "publish",
        r.publish().stream()
            .map(
                p ->
                    p.hostIp()
                        + ":"
                        + p.hostPort().map(String::valueOf).orElse("")
                        + ":"
                        + p.containerPort()
                        + "/"
                        + p.protocol())
            .toList());
    return parts.isEmpty() ? "(nothing)" : String.join(" ", parts);
  }

  private static void list(List<String> parts, String name, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(name + "=" + values);
    }
  }

  @Test
  void appPort_numbersArePublishedOnLoopbackOnBothSides() {
    JsonNode n = Json.parse("8080");
    assertThat(PublishedPort.read(n))
        .isEqualTo(new PublishedPort("127.0.0.1", Optional.of(8080), 8080, "tcp"));
    assertThat(PublishedPort.parse("0.0.0.0:80:8080").hostIp()).isEqualTo("0.0.0.0");
  }
}
