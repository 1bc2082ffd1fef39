package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  @Test
  void readsComposesFourPolicies() {
    assertThat(RestartPolicy.parse("no")).isEqualTo(RestartPolicy.NO);
    assertThat(RestartPolicy.parse("always").mode()).isEqualTo(RestartPolicy.Mode.ALWAYS);
    assertThat(RestartPolicy.parse("unless-stopped").mode())
        .isEqualTo(RestartPolicy.Mode.UNLESS_STOPPED);
    assertThat(RestartPolicy.parse("on-failure"))
        .isEqualTo(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Optional.empty()));
    assertThat(RestartPolicy.parse("on-failure:3").maxRetries()).contains(3);
  }

  @Test
  void onFailureRestartsOnlyFailuresAndOnlyAsOftenAsItSays() {
    RestartPolicy twice = RestartPolicy.parse("on-failure:2");
    assertThat(twice.restarts(0, 0)).isFalse();
    assertThat(twice.restarts(3, 0)).isTrue();
    assertThat(twice.restarts(3, 1)).isTrue();
    assertThat(twice.restarts(3, 2)).isFalse();
    assertThat(RestartPolicy.parse("on-failure").restarts(1, 1000)).isTrue();
    assertThat(RestartPolicy.parse("always").restarts(0, 5)).isTrue();
    assertThat(RestartPolicy.NO.restarts(1, 0)).isFalse();
  }

  @Test
  void anythingElseIsRefusedSayingWhatWasExpected() {
    assertThatThrownBy(() -> RestartPolicy.parse("sometimes"))
        .hasMessageContaining("invalid restart policy 'sometimes'")
        .hasMessageContaining("on-failure:N");
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x"))
        .hasMessageContaining("a number of 0 or more");
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:-1"))
        .hasMessageContaining("a number of 0 or more");
  }
}
