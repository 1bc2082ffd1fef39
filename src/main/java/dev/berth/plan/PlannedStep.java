package dev.berth.plan;

import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.InstructionText;
import dev.berth.plan.op.Op;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One instruction of a stage, with its arguments expanded and the state it runs in.
 *
 * @param instruction the typed instruction, expandable arguments expanded
 * @param env what a RUN at this point sees: ENV and ARG values in scope, later set winning
 * @param workdir the working directory before this instruction
 * @param user the user before this instruction (empty: root)
 * @param shell the shell that shell-form commands run in
 * @param trigger true when the step is an ONBUILD trigger inherited from the base
 * @param op what the engine runs for it
 * @param history the text the image history records for it
 */
public record PlannedStep(
    Instruction instruction,
    Map<String, String> env,
    String workdir,
    String user,
    List<String> shell,
    boolean trigger,
    Op op,
    String history) {

  public PlannedStep {
    Objects.requireNonNull(instruction, "instruction");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    shell = List.copyOf(shell);
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(history, "history");
  }

  /** Where the step is written, with its column, for messages that point at it. */
  public SourceRange range() {
    return instruction.range();
  }

  /** The step's instruction with its arguments expanded, as progress output shows it. */
  public String text() {
    return InstructionText.of(instruction);
  }
}
