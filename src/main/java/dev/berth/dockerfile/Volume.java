package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code VOLUME path...} or {@code VOLUME ["path", ...]}: mount points of the image. */
public record Volume(List<String> paths, SourceRange range, String original)
    implements Instruction, Expandable<Volume> {

  public Volume {
    paths = List.copyOf(paths);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public Volume expand(WordExpander e) throws BerthException {
    List<String> out = Expansions.each(e, paths);
    for (String p : out) {
      if (p.isBlank()) {
        throw BerthException.error(
            "empty-volume", "VOLUME: a path is empty after expansion", range);
      }
    }
    return new Volume(out, range, original);
  }
}
