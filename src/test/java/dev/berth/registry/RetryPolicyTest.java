package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(500));

  @Test
  void retriesTooManyRequestsAndServerErrorsOnly() {
    assertThat(policy.retryable(429)).isTrue();
    assertThat(policy.retryable(500)).isTrue();
    assertThat(policy.retryable(502)).isTrue();
    assertThat(policy.retryable(503)).isTrue();
    assertThat(policy.retryable(501)).isFalse();
    assertThat(policy.retryable(400)).isFalse();
    assertThat(policy.retryable(401)).isFalse();
    assertThat(policy.retryable(404)).isFalse();
    assertThat(policy.retryable(200)).isFalse();
  }

  @Test
  void attemptsAreBounded() {
    assertThat(policy.mayRetry(1)).isTrue();
    assertThat(policy.mayRetry(3)).isTrue();
    assertThat(policy.mayRetry(4)).isFalse();
  }

  @Test
  void backoffDoublesUpToTheCap() {
    assertThat(policy.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.delay(4, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.delay(60, Optional.empty())).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void retryAfterIsHonouredButCapped() {
    assertThat(policy.delay(1, RetryPolicy.parseRetryAfter(Optional.of("0"))))
        .isEqualTo(Duration.ZERO);
    assertThat(policy.delay(1, RetryPolicy.parseRetryAfter(Optional.of(" 120 "))))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(RetryPolicy.parseRetryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).isEmpty();
  }
}
