package dev.berth.solver;

import dev.berth.context.CopySelection;
import dev.berth.context.CopySelector;
import dev.berth.diag.BerthException;
import dev.berth.plan.op.CopyOp;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** What COPY and ADD read: local and URL sources told apart, images named by --from, selection. */
final class CopySources {

  private CopySources() {}

  /** Refuses what berth cannot copy, before anything is read. */
  static void checkSupported(CopyOp op) throws BerthException {
    for (String src : op.sources()) {
      if (src.startsWith("git@")
          || src.endsWith(".git") && (src.contains("://") || src.contains("@"))) {
        throw BerthException.invalid(
            "ADD of a git repository (" + src + ") is not supported by this version of berth");
      }
      if (Downloads.isUrl(src) && !op.add()) {
        throw BerthException.invalid("COPY cannot fetch URLs (" + src + "); use ADD");
      }
      if (!Downloads.isUrl(src) && op.checksum().isPresent()) {
        throw BerthException.invalid(
            "ADD --checksum applies to URL sources only, not to the local file " + src);
      }
    }
  }

  static List<String> urls(CopyOp op) {
    return op.sources().stream().filter(Downloads::isUrl).toList();
  }

  /** The same op with its URL sources left out. */
  static CopyOp localOnly(CopyOp op) {
    List<String> local = op.sources().stream().filter(s -> !Downloads.isUrl(s)).toList();
    return new CopyOp(
        op.add(),
        op.source(),
        local,
        op.inline(),
        op.destination(),
        op.workdir(),
        op.chown(),
        op.chmod(),
        op.link(),
        op.parents(),
        op.excludes(),
        op.checksum(),
        op.keepGitDir());
  }

  /** The image a {@code --from=IMAGE} names, as a stage state keyed by its manifest. */
  static ImageState image(Store store, String ref) throws IOException {
    StoredImage img;
    try {
      img = new LocalImages(store).findHeld(ref);
    } catch (IOException e) {
      throw BerthException.invalid(
          "--from=" + ref + " is neither a stage of this Dockerfile nor an image in berth's store");
    }
    return new ImageState(
        img.manifest().layers(),
        img.config(),
        CacheKeys.of("image", img.manifestDescriptor().digest().toString()));
  }

  /** The files of {@code root} that the op's local sources select. */
  static CopySelection select(
      Path root, CopyOp op, Predicate<String> ignored, Predicate<String> isDirectoryInImage)
      throws IOException {
    return CopySelector.select(
        root,
        op.sources(),
        op.destination(),
        op.workdir(),
        op.excludes(),
        ignored,
        isDirectoryInImage,
        op.parents());
  }
}
