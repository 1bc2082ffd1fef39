package dev.berth.rootless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

  private static final List<SubordinateIds.Range> RANGE =
      List.of(new SubordinateIds.Range(100000, 65536));

  @Test
  void aUserWithoutSubordinateRangesIsToldWhichLineToAdd() {
    HostUser user = new HostUser("nobody2", 4321, 4321, List.of(), List.of(), Optional.empty());
    List<Prerequisites.Missing> missing = Prerequisites.check(user, Prerequisites.Scope.NAMESPACE);
    assertThat(missing.get(0).what())
        .isEqualTo("no subordinate UID range for nobody2 in /etc/subuid");
    assertThat(missing.get(0).fix()).contains("nobody2:100000:65536").contains("usermod");
    assertThat(missing.get(1).what()).contains("/etc/subgid");
  }

  @Test
  void theFirstMissingPartIsOneFailedPreconditionNamingItsFix() {
    HostUser user = new HostUser("nobody2", 4321, 4321, List.of(), RANGE, Optional.empty());
    assertThatThrownBy(() -> Prerequisites.require(user, Prerequisites.Scope.HOLDER))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
              assertThat(e.code()).isEqualTo("rootless-prerequisite");
              assertThat(e.getMessage())
                  .startsWith("cannot run rootless as nobody2: no subordinate UID range")
                  .contains("fix: add a line such as 'nobody2:100000:65536' to /etc/subuid");
            });
  }

  @Test
  void withBothRangesTheRangesAreNotWhatIsMissing() {
    HostUser user = new HostUser("alice", 1000, 1000, RANGE, RANGE, Optional.empty());
    assertThat(Prerequisites.check(user, Prerequisites.Scope.NAMESPACE))
        .noneMatch(m -> m.what().contains("subordinate"));
  }
}
