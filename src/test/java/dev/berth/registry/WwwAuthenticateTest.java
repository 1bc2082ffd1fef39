package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WwwAuthenticateTest {

  @Test
  void bearerWithQuotedParams() {
    List<Challenge> c =
        WwwAuthenticate.parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:a/b:pull,push\"");
    assertThat(c).hasSize(1);
    assertThat(c.get(0).isBearer()).isTrue();
    assertThat(c.get(0).params())
        .isEqualTo(
            Map.of(
                "realm", "https://auth.example/token",
                "service", "registry.example",
                "scope", "repository:a/b:pull,push"));
  }

  @Test
  void commasInsideQuotesDoNotSplitAndEscapesAreRead() {
    List<Challenge> c =
        WwwAuthenticate.parse(
            "Bearer scope=\"repository:x:pull,push repository:y:pull\", realm=\"a\\\"b\"");
    assertThat(c.get(0).param("scope")).contains("repository:x:pull,push repository:y:pull");
    assertThat(c.get(0).param("realm")).contains("a\"b");
  }

  @Test
  void unquotedValuesSpacesAndCaseAreTolerated() {
    List<Challenge> c = WwwAuthenticate.parse("  BASIC   Realm = registry , charset=UTF-8 ");
    assertThat(c).hasSize(1);
    assertThat(c.get(0).isBasic()).isTrue();
    assertThat(c.get(0).param("realm")).contains("registry");
    assertThat(c.get(0).param("CHARSET")).contains("UTF-8");
  }

  @Test
  void severalChallengesInOneHeader() {
    List<Challenge> c =
        WwwAuthenticate.parse("Basic realm=\"r1\", Bearer realm=\"https://t\",service=s");
    assertThat(c).extracting(Challenge::scheme).containsExactly("basic", "bearer");
    assertThat(c.get(1).param("service")).contains("s");
  }

  @Test
  void schemeWithoutParamsAndUnterminatedQuote() {
    assertThat(WwwAuthenticate.parse("Negotiate"))
        .extracting(Challenge::scheme)
        .containsExactly("negotiate");
    List<Challenge> c = WwwAuthenticate.parse("Bearer realm=\"https://t");
    assertThat(c.get(0).param("realm")).contains("https://t");
    assertThat(WwwAuthenticate.parse("")).isEmpty();
    assertThat(WwwAuthenticate.parse((String) null)).isEmpty();
  }
}
