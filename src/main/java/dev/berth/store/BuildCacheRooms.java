package dev.berth.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The build cache the solver keeps beside the blobs: per-context digest caches, {@code RUN
 * --mount=type=cache} directories and --explain-cache records. Nothing references them, so garbage
 * collection cannot tell which are needed: they go by age, as docker's builder prune decides, each
 * entry (a file or a directory right under its room) by the last time it was written.
 */
final class BuildCacheRooms {

  private final StoreLayout layout;
  private final Session session;

  BuildCacheRooms(StoreLayout layout, Session session) {
    this.layout = layout;
    this.session = session;
  }

  /** Removes the entries last written before {@code until} (every entry when it is empty). */
  Swept sweep(Optional<Instant> until) throws IOException {
    Swept swept = Swept.NONE;
    for (Path room : List.of(layout.contextCache(), layout.cacheMounts(), layout.explain())) {
      if (!Files.isDirectory(room, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(room)) {
        for (Path entry : entries) {
          Instant written;
          try {
            written = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
          } catch (NoSuchFileException gone) {
            continue;
          }
          if (until.isPresent() && !written.isBefore(until.get())) {
            continue;
          }
          long bytes = AtomicFiles.treeSize(entry);
          // Out of sight first, so a crash never leaves half an entry where a build looks.
          Path trash = session.newPath("trash");
          AtomicFiles.move(entry, trash);
          AtomicFiles.deleteTree(trash);
          swept = swept.plus(1, bytes);
        }
      }
    }
    return swept;
  }
}
