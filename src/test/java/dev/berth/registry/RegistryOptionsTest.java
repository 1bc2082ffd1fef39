package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryOptionsTest {

  @Test
  void dockerdsLimitsByDefault() {
    RegistryOptions o = RegistryOptions.defaults().withConcurrencyFrom(Map.of());
    assertThat(o.maxConcurrentDownloads()).isEqualTo(3);
    assertThat(o.maxConcurrentUploads()).isEqualTo(5);
  }

  @Test
  void theEnvironmentSetsEachLimit() {
    RegistryOptions o =
        RegistryOptions.defaults()
            .withConcurrencyFrom(
                Map.of(RegistryOptions.DOWNLOADS_ENV, " 6 ", RegistryOptions.UPLOADS_ENV, "1"));
    assertThat(o.maxConcurrentDownloads()).isEqualTo(6);
    assertThat(o.maxConcurrentUploads()).isEqualTo(1);
    assertThat(
            RegistryOptions.defaults()
                .withConcurrencyFrom(Map.of(RegistryOptions.UPLOADS_ENV, ""))
                .maxConcurrentUploads())
        .isEqualTo(5);
  }

  @Test
  void aLimitThatIsNotAWholeNumberFromOneNamesTheVariable() {
    for (String bad : new String[] {"0", "-2", "three", "2.5"}) {
      assertThatThrownBy(
              () ->
                  RegistryOptions.defaults()
                      .withConcurrencyFrom(Map.of(RegistryOptions.DOWNLOADS_ENV, bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("BERTH_MAX_CONCURRENT_DOWNLOADS=" + bad)
          .hasMessageContaining("whole number");
    }
  }

  @Test
  void timeoutsFromTheEnvironmentAsGoDurations() {
    RegistryOptions d = RegistryOptions.defaults().withTimeoutsFrom(Map.of());
    assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(5));
    RegistryOptions o =
        RegistryOptions.defaults()
            .withTimeoutsFrom(
                Map.of(
                    RegistryOptions.CONNECT_TIMEOUT_ENV,
                    "2.5s",
                    RegistryOptions.TIMEOUT_ENV,
                    " 1m30s "));
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aTimeoutThatIsNotAPositiveDurationNamesTheVariable() {
    for (String bad : new String[] {"0", "-1s", "ten", "10"}) {
      assertThatThrownBy(
              () ->
                  RegistryOptions.defaults()
                      .withTimeoutsFrom(Map.of(RegistryOptions.TIMEOUT_ENV, bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("BERTH_REGISTRY_TIMEOUT=" + bad)
          .hasMessageContaining("positive duration");
    }
  }
}
