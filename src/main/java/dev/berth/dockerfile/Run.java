package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code RUN [--mount=...]... [--network=...] [--security=...] command}. The command is not
 * expanded by the builder (the shell does that); the mount specs are.
 *
 * @param heredocs here-documents whose bodies the command reads or runs
 */
public record Run(
    CommandForm command,
    List<RunMount> mounts,
    Optional<String> network,
    Optional<String> security,
    List<HeredocFile> heredocs,
    SourceRange range,
    String original)
    implements Instruction, Expandable<Run> {

  public Run {
    Objects.requireNonNull(command, "command");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(security, "security");
    heredocs = List.copyOf(heredocs);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public Run expand(WordExpander e) throws BerthException {
    List<RunMount> expanded = new ArrayList<>();
    for (RunMount m : mounts) {
      expanded.add(m.expand(e, range));
    }
    return new Run(command, expanded, network, security, heredocs, range, original);
  }
}
