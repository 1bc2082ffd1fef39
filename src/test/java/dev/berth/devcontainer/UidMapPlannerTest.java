package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per file under {@code uid/cases/}: the remote user, the host IDs and the expected plan.
 * Cases without their own {@code passwd} and {@code group} use {@code uid/passwd} and {@code
 * uid/group}.
 */
class UidMapPlannerTest {

  private static final Path DIR = Tables.ROOT.resolve("uid");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(DIR.resolve("cases"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void plan_isWhatUpdateRemoteUserUidDoes(String name) throws IOException {
    JsonNode c = Json.parse(Files.readString(DIR.resolve("cases").resolve(name)));
    String passwd =
        c.has("passwd") ? c.get("passwd").asText() : Files.readString(DIR.resolve("passwd"));
    String group =
        c.has("group") ? c.get("group").asText() : Files.readString(DIR.resolve("group"));
    List<String> chownPaths = new ArrayList<>();
    c.path("chownPaths").forEach(p -> chownPaths.add(p.asText()));
    UidMapPlan plan =
        UidMapPlanner.plan(
            new UidMapPlanner.Request(
                passwd,
                group,
                c.get("remoteUser").asText(),
                c.get("hostUid").asInt(),
                c.get("hostGid").asInt(),
                c.path("update").asBoolean(true),
                chownPaths));
    JsonNode expect = c.get("expect");
    assertThat(plan.user()).isEqualTo(expect.get("user").asText());
    List<String> kinds = new ArrayList<>();
    expect.get("warnings").forEach(w -> kinds.add(w.asText()));
    assertThat(plan.warnings()).extracting(w -> w.kind().code()).isEqualTo(kinds);
    if (expect.has("message")) {
      assertThat(plan.warnings().get(0).message()).isEqualTo(expect.get("message").asText());
    }
    JsonNode change = expect.get("change");
    if (change.isNull()) {
      assertThat(plan.change()).isEmpty();
      return;
    }
    UidMapPlan.Change actual = plan.change().orElseThrow();
    assertThat(actual.uid()).isEqualTo(change.get("uid").asInt());
    assertThat(actual.gid()).isEqualTo(change.get("gid").asInt());
    assertThat(actual.oldUid()).isEqualTo(change.get("oldUid").asInt());
    assertThat(actual.oldGid()).isEqualTo(change.get("oldGid").asInt());
    if (change.has("passwd")) {
      assertThat(actual.passwd()).isEqualTo(lines(change.get("passwd")));
    }
    if (change.has("group")) {
      assertThat(actual.group()).isEqualTo(lines(change.get("group")));
    }
    if (change.has("passwdLine")) {
      assertThat(actual.passwd().split("\n")).contains(change.get("passwdLine").asText());
      assertThat(actual.passwd().split("\n").length).isEqualTo(passwd.split("\n").length);
    }
    if (change.path("groupUnchanged").asBoolean(false)) {
      assertThat(actual.group()).isEqualTo(group);
    }
    List<String> chown = new ArrayList<>();
    change.get("chown").forEach(p -> chown.add(p.asText()));
    assertThat(actual.chown()).isEqualTo(chown);
  }

  private static String lines(JsonNode array) {
    List<String> l = new ArrayList<>();
    array.forEach(x -> l.add(x.asText()));
    return String.join("\n", l);
  }
}
