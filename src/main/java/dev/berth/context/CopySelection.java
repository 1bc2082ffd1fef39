package dev.berth.context;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one COPY or ADD copies, in the order the engine applies it: a later op for the same
 * destination replaces an earlier one.
 *
 * @param root the directory sources were taken from (the context, or a stage's root)
 * @param destination the clean absolute destination the instruction named
 * @param ops the entries, directories before their contents, each source's tree in sorted order
 * @param skipped what a source held that cannot be copied (named pipes, sockets, device nodes),
 *     each as its root-relative path and kind: "run/app.sock (a socket)"
 */
public record CopySelection(Path root, String destination, List<CopyOp> ops, List<String> skipped) {

  public CopySelection {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(destination, "destination");
    ops = List.copyOf(ops);
    skipped = List.copyOf(skipped);
  }
}
