package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/**
 * {@code ONBUILD instruction}: a trigger stored in the image and run when another build uses it as
 * its base.
 *
 * @param trigger the wrapped instruction, checked like any other
 * @param expression the trigger's text as stored in the image config ({@code RUN echo hi})
 */
public record OnBuild(Instruction trigger, String expression, SourceRange range, String original)
    implements Instruction {
  public OnBuild {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
