package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Python version init chooses for each form of constraint. */
class PythonConstraintTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "^3.11            ; 3.11",
        "^3.12.2          ; 3.12",
        ">=3.8            ; 3.11",
        ">=3.12           ; 3.12",
        ">=3.9,<3.11      ; 3.10",
        ">= 3.9, < 3.12   ; 3.11",
        ">=3.9 <3.11      ; 3.10",
        "~=3.10           ; 3.11",
        "~=3.10.2         ; 3.10",
        "~3.12            ; 3.12",
        "==3.11.*         ; 3.11",
        "3.12             ; 3.12",
        "3.12.*           ; 3.12",
        ">=3.11,!=3.11.*  ; 3.12",
        "<3.9 || >=3.13   ; 3.13",
        ">3.11            ; 3.11",
        ">=3.11.4         ; 3.11",
        "*                ; 3.11",
        ">=3.14           ; 3.14",
      })
  void choosesTheOldestMaintainedReleaseItAllows(String constraint, String chosen) {
    assertThat(PythonConstraint.parse(constraint).choose()).contains(chosen);
  }

  @Test
  void aConstraintThatAllowsNoReleaseChoosesNothing() {
    assertThat(PythonConstraint.parse(">=3.30").choose()).isEmpty();
    assertThat(PythonConstraint.parse(">=3.12,<3.11").choose()).isEmpty();
  }

  @Test
  void notAConstraintSaysWhatWasExpected() {
    assertThatThrownBy(() -> PythonConstraint.parse(">=three"))
        .hasMessageContaining("'>=three' is not a version clause: expected an operator");
  }
}
