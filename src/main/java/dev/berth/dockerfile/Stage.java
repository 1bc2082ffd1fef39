package dev.berth.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One build stage: its FROM and the instructions after it, up to the next FROM. */
public record Stage(int index, From from, List<Instruction> instructions) {

  public Stage {
    Objects.requireNonNull(from, "from");
    instructions = List.copyOf(instructions);
  }

  /** The {@code AS} name, lower case. */
  public Optional<String> name() {
    return from.stageName();
  }

  /** The name if it has one, else its index, as docker names stages in messages. */
  public String displayName() {
    return name().orElse(Integer.toString(index));
  }
}
