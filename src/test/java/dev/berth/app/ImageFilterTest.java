package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageFilterTest {

  private static final Optional<Instant> JAN = Optional.of(Instant.parse("2024-01-01T00:00:00Z"));
  private static final Map<String, String> LABELS = Map.of("stage", "ci", "team", "a");

  @Test
  void untilPassesOnlyImagesCreatedBefore() {
    ImageFilter f = new ImageFilter.Until(Instant.parse("2024-06-01T00:00:00Z"));
    assertThat(f.test(JAN, LABELS)).isTrue();
    assertThat(f.test(Optional.of(Instant.parse("2024-07-01T00:00:00Z")), LABELS)).isFalse();
    assertThat(f.test(Optional.empty(), LABELS)).isFalse();
  }

  @Test
  void labelKeyKeyValueAndTheirNegations() throws BerthException {
    assertThat(ImageFilter.label("label=stage").test(JAN, LABELS)).isTrue();
    assertThat(ImageFilter.label("label=stage=ci").test(JAN, LABELS)).isTrue();
    assertThat(ImageFilter.label("label=stage=prod").test(JAN, LABELS)).isFalse();
    assertThat(ImageFilter.label("label=absent").test(JAN, LABELS)).isFalse();
    assertThat(ImageFilter.label("label!=stage").test(JAN, LABELS)).isFalse();
    assertThat(ImageFilter.label("label!=stage=prod").test(JAN, LABELS)).isTrue();
    assertThat(ImageFilter.label("label!=absent").test(JAN, Map.of())).isTrue();
    assertThat(ImageFilter.label("label=k=v=w"))
        .isEqualTo(new ImageFilter.Label("k", Optional.of("v=w"), false));
  }

  @Test
  void otherKeysAreRefusedAsDockerDoes() {
    assertThatThrownBy(() -> ImageFilter.label("dangling=true"))
        .isInstanceOf(BerthException.class)
        .hasMessage("invalid filter 'dangling'");
    assertThatThrownBy(() -> ImageFilter.label("label="))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("expected label=KEY[=VALUE]");
  }
}
