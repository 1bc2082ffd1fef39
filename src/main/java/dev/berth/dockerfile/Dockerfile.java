package dev.berth.dockerfile;

import dev.berth.diag.Diagnostic;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Dockerfile read into typed instructions: the global ARGs before the first FROM, then its
 * stages.
 */
public record Dockerfile(
    String file,
    char escapeToken,
    List<Arg> globalArgs,
    List<Stage> stages,
    List<Diagnostic> warnings) {

  public Dockerfile {
    Objects.requireNonNull(file, "file");
    globalArgs = List.copyOf(globalArgs);
    stages = List.copyOf(stages);
    warnings = List.copyOf(warnings);
  }

  /** A stage by name (any case). */
  public Optional<Stage> stage(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return stages.stream().filter(s -> s.name().filter(lower::equals).isPresent()).findFirst();
  }
}
