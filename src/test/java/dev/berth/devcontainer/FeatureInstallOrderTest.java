package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Install order, one workspace per case under {@code feature-order/} with its local Features and
 * {@code expected.txt}: the user IDs in install order, or {@code error: } and the message.
 */
class FeatureInstallOrderTest {

  private static final Path DIR = Tables.ROOT.resolve("feature-order");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void order_isTheSpecificationsRoundBasedOrder(String name) throws Exception {
    Path ws = DIR.resolve(name).toAbsolutePath();
    List<String> expected = Files.readAllLines(ws.resolve("expected.txt"));
    LoadedConfig loaded =
        new ConfigLoader(Map.of(), GitRoot.NONE).load(ConfigLoader.Request.of(ws));
    FeatureResolver resolver = new FeatureResolver(FeatureFetcher.LOCAL_ONLY);
    if (expected.get(0).startsWith("error: ")) {
      BerthException e = catchThrowableOfType(BerthException.class, () -> resolver.resolve(loaded));
      assertThat(e.first().message()).isEqualTo(expected.get(0).substring("error: ".length()));
      return;
    }
    FeatureSet set = resolver.resolve(loaded);
    assertThat(set.features()).extracting(ResolvedFeature::userFeatureId).isEqualTo(expected);
    for (int i = 0; i < set.features().size(); i++) {
      ResolvedFeature f = set.features().get(i);
      assertThat(f.consecutiveId()).isEqualTo(f.metadata().id() + "_" + i);
    }
  }
}
