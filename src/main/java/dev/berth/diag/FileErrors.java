package dev.berth.diag;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What a failed file operation means, in the words {@code ls} and {@code cp} use ("permission
 * denied", "too many levels of symbolic links"), and whether the user's files are at fault. The
 * JDK's own messages for these are often the bare path.
 */
public final class FileErrors {

  /** Longer paths are shown by their two ends: a 4 KB name should not fill the terminal. */
  static final int MAX_SHOWN = 160;

  private FileErrors() {}

  /** "PATH: REASON" for file system errors, else the exception's message. */
  public static String describe(IOException e) {
    if (!(e instanceof FileSystemException f)) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    String where = f.getFile() == null ? "" : shorten(f.getFile());
    if (f.getOtherFile() != null) {
      where += " -> " + shorten(f.getOtherFile());
    }
    String why = reason(f);
    return where.isEmpty() ? why : where + ": " + why;
  }

  /**
   * The kind of error: an unreadable file, a symbolic link loop and a name too long for the file
   * system are the state of the user's files, not a failure of the work.
   */
  public static ErrorKind kind(IOException e) {
    if (e instanceof AccessDeniedException) {
      return ErrorKind.FAILED_PRECONDITION;
    }
    if (e instanceof FileSystemLoopException
        || (e instanceof FileSystemException f
            && ("File name too long".equals(f.getReason())
                || "Too many levels of symbolic links".equals(f.getReason())))) {
      return ErrorKind.INVALID_INPUT;
    }
    return ErrorKind.FAILED;
  }

  private static String reason(FileSystemException f) {
    if (f.getReason() != null && !f.getReason().isBlank()) {
      String r = f.getReason();
      return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }
    if (f instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (f instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (f instanceof FileSystemLoopException) {
      return "too many levels of symbolic links";
    }
    if (f instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (f instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (f instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    return "failed";
  }

  static String shorten(String path) {
    if (path.length() <= MAX_SHOWN) {
      return path;
    }
    return path.substring(0, 100)
        + "…"
        + path.substring(path.length() - 40)
        + " ("
        + path.length()
        + " characters)";
  }
}
