package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables of Dockerfiles under {@code src/test/resources/check}: berth's own cases, run with
 * every rule, and the examples of the Dockerfile reference's build-checks pages, run with
 * BuildKit's rules and compared with the lines BuildKit documents. Every rule, the cross-file ones
 * too (whose cases are {@link ProjectCasesTest}'s), has a case that fires and one that does not.
 */
class CheckCasesTest {

  static Stream<CheckCase> ownCases() {
    return CheckCase.load("cases").stream();
  }

  static Stream<CheckCase> docCases() {
    return CheckCase.load("buildkit-docs").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownCases")
  void ownCaseFindsWhatItExpects(CheckCase c) {
    CheckReport report = new Checker().check("Dockerfile", c.dockerfile(), c.options());
    assertThat(c.actual(report)).as(c.name() + " findings").isEqualTo(c.expect());
    assertThat(c.actualErrors(report)).as(c.name() + " errors").isEqualTo(c.errors());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docCases")
  void buildKitDocExampleFindsWhatTheDocsSay(CheckCase c) {
    CheckReport report =
        new Checker(BuildKitRules.all()).check("Dockerfile", c.dockerfile(), c.options());
    assertThat(c.actual(report)).as(c.name() + " findings").isEqualTo(c.expect());
    assertThat(c.actualErrors(report)).as(c.name() + " errors").isEqualTo(c.errors());
  }

  @Test
  void ownTableHasAtLeastSixtyDockerfiles() {
    assertThat(CheckCase.load("cases")).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void everyRuleHasACaseThatFiresAndOneThatDoesNot() {
    Set<String> fires = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    tally(CheckCase.load("cases"), Rules.all(), fires, quiet);
    tally(CheckCase.load("buildkit-docs"), BuildKitRules.all(), fires, quiet);
    for (ProjectCase c : ProjectCase.load()) {
      tally(c.expect(), c.rules(), Rules.all(), fires, quiet);
    }
    for (Rule r : Rules.all()) {
      assertThat(fires).as("a case where " + r.name() + " fires").contains(r.name());
      assertThat(quiet).as("a case where " + r.name() + " does not fire").contains(r.name());
    }
  }

  /**
   * A case compares the findings of the rules it names (all the rules it runs when it names none),
   * so each of those rules it does not expect is one it shows quiet.
   */
  private static void tally(
      List<CheckCase> cases, List<Rule> ran, Set<String> fires, Set<String> quiet) {
    for (CheckCase c : cases) {
      tally(c.expect(), c.rules(), ran, fires, quiet);
    }
  }

  private static void tally(
      List<String> expect,
      Set<String> rules,
      List<Rule> ran,
      Set<String> fires,
      Set<String> quiet) {
    Set<String> expected = new TreeSet<>();
    expect.forEach(e -> expected.add(e.split(" ")[0]));
    fires.addAll(expected);
    Set<String> compared = new TreeSet<>(rules);
    if (compared.isEmpty()) {
      ran.forEach(r -> compared.add(r.name()));
    }
    compared.stream().filter(r -> !expected.contains(r)).forEach(quiet::add);
  }
}
