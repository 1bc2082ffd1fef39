package dev.berth.solver;

import dev.berth.context.ContentHash;
import dev.berth.context.CopySelection;
import dev.berth.context.CopySelector;
import dev.berth.context.FileDigest;
import dev.berth.context.FileKind;
import dev.berth.diag.BerthException;
import dev.berth.image.Digest;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import dev.berth.plan.op.MountRequest;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The part of a COPY's or a bind mount's cache key that comes from what it reads: the content of
 * its context sources (paths, kinds, modes, bytes; never times), or the key of the stage or the
 * digest of the image it reads from. Each input is also recorded by name for --explain-cache.
 */
final class CopyInputs {

  private final Store store;
  private final BuildInputs inputs;
  private final Downloads downloads;
  private final Map<String, String> images;

  CopyInputs(Store store, BuildInputs inputs, Downloads downloads, Map<String, String> images) {
    this.images = images;
    this.store = store;
    this.inputs = inputs;
    this.downloads = downloads;
  }

  /**
   * The inputs' part of a COPY's key; {@code warn} hears of context entries that are not copied
   * (named pipes, sockets, devices), which therefore do not change the key either.
   */
  Digest of(
      CopyOp op, Map<Integer, ImageState> stages, Map<String, String> detail, Consumer<String> warn)
      throws IOException {
    if (op.source() instanceof CopySource.Stage s) {
      Digest key = stages.get(s.index()).key();
      detail.put("stage " + s.index(), key.toString());
      return key;
    }
    if (op.source() instanceof CopySource.Image i) {
      Digest key = CopySources.image(store, i.reference()).key();
      detail.put("image " + i.reference(), key.toString());
      return key;
    }
    CopySources.checkSupported(op);
    StringBuilder parts = new StringBuilder();
    for (String url : CopySources.urls(op)) {
      Digest d = downloads.keyDigest(url, op.checksum());
      detail.put(url, d.toString());
      parts.append(url).append('=').append(d).append('\n');
    }
    CopyOp local = CopySources.localOnly(op);
    if (!local.sources().isEmpty()) {
      BuildInputs in = op.source() instanceof CopySource.Named n ? inputs.named(n.name()) : inputs;
      CopySelection selection = CopySources.select(in.context(), local, in.ignore(), p -> false);
      if (!selection.skipped().isEmpty()) {
        warn.accept(skippedWarning(selection.skipped()));
      }
      parts.append(digestOf(in, selection, detail));
    }
    return Digest.sha256(parts.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String skippedWarning(List<String> skipped) {
    int shown = Math.min(skipped.size(), 5);
    return "COPY skips what is not a file, directory or symbolic link: "
        + String.join(", ", skipped.subList(0, shown))
        + (skipped.size() > shown ? " and " + (skipped.size() - shown) + " more" : "");
  }

  /** What a {@code RUN --mount=type=bind} reads: its context source, or its stage's key. */
  Digest ofBind(MountRequest m, Map<Integer, ImageState> stages, Map<String, String> detail)
      throws IOException {
    if (m.fromStage().isPresent()) {
      Digest key = stages.get(m.fromStage().get()).key();
      detail.put("bind from stage " + m.fromStage().get(), key.toString());
      return key;
    }
    BuildInputs in = inputs;
    if (m.option("from").isPresent()) {
      String from = m.option("from").get();
      if (inputs.named().containsKey(from.toLowerCase(Locale.ROOT))) {
        in = inputs.named(from.toLowerCase(Locale.ROOT));
      } else {
        Digest key = CopySources.image(store, images.getOrDefault(from, from)).key();
        detail.put("bind from image " + from, key.toString());
        return key;
      }
    }
    String source = m.option("source").orElse(".");
    try {
      return digestOf(
          in,
          CopySelector.select(
              in.context(),
              List.of(source.isEmpty() ? "." : source),
              "/bind/",
              "/",
              List.of(),
              in.ignore()),
          detail);
    } catch (BerthException e) {
      throw e.wrap("RUN --mount=type=bind");
    }
  }

  /**
   * File digests are remembered per context (by path, size, mtime, ctime and inode), so an
   * unchanged tree is not read again.
   */
  private Digest digestOf(BuildInputs in, CopySelection selection, Map<String, String> detail)
      throws IOException {
    ContentHash hash;
    synchronized (in.hasher()) {
      hash = in.hasher().hash(selection);
    }
    for (FileDigest f : hash.files()) {
      if (f.kind() != FileKind.DIRECTORY) {
        String content = f.kind() == FileKind.SYMLINK ? "symlink" : f.content().toString();
        detail.put(f.sourcePath(), content + " mode " + Integer.toOctalString(f.mode() & 07777));
      }
    }
    return hash.digest();
  }
}
