package dev.berth.app;

import dev.berth.archive.ArchiveFormatException;
import dev.berth.image.BlobMismatchException;
import dev.berth.store.StoreException;
import java.io.IOException;

/** Sorts the lower layers' failures into bad input (exit 2) and everything else (exit 1). */
final class InputErrors {

  /** Work that may fail with I/O. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws IOException;
  }

  private InputErrors() {}

  static <T> T translate(Work<T> work) throws IOException {
    try {
      return work.run();
    } catch (StoreException e) {
      // Every kind the store reports (missing, malformed, ambiguous, corrupt) is about the input.
      throw new BadInputException(e.getMessage(), e);
    } catch (ArchiveFormatException | BlobMismatchException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
