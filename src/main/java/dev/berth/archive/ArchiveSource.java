package dev.berth.archive;

import dev.berth.diag.BerthException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** The files of an archive, whether it is a directory or a tar, by their relative names. */
interface ArchiveSource extends AutoCloseable {

  /** The size of a regular file, or empty when there is none of that name. */
  Optional<Long> size(String name) throws IOException;

  InputStream open(String name) throws IOException;

  @Override
  void close() throws IOException;

  /** A directory (an OCI layout, or an unpacked docker save). */
  static ArchiveSource directory(Path dir) {
    return new ArchiveSource() {
      @Override
      public Optional<Long> size(String name) throws IOException {
        Path p = resolve(name);
        return p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            ? Optional.of(Files.size(p))
            : Optional.empty();
      }

      @Override
      public InputStream open(String name) throws IOException {
        Path p = resolve(name);
        if (p == null || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          throw ArchiveErrors.bad(dir + ": missing file " + name);
        }
        return Files.newInputStream(p);
      }

      /** The path, or null when the name would leave the directory. */
      private Path resolve(String name) {
        Path p = dir.resolve(name).normalize();
        return p.startsWith(dir.normalize()) ? p : null;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * A tar file, read with random access. A malformed tar (bad header, PAX record or size, cut
   * short) is an input error naming the file, however the tar library reports it.
   */
  static ArchiveSource tar(Path file) throws IOException {
    TarFile tar;
    try {
      tar = new TarFile(file);
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, e);
    }
    Map<String, TarArchiveEntry> entries = new HashMap<>();
    for (TarArchiveEntry e : tar.getEntries()) {
      if (e.isFile()) {
        entries.put(normalise(e.getName()), e);
      }
    }
    return new ArchiveSource() {
      @Override
      public Optional<Long> size(String name) {
        TarArchiveEntry e = entries.get(normalise(name));
        return e == null ? Optional.empty() : Optional.of(e.getSize());
      }

      @Override
      public InputStream open(String name) throws IOException {
        TarArchiveEntry e = entries.get(normalise(name));
        if (e == null) {
          throw ArchiveErrors.bad(file + ": the archive has no file " + name);
        }
        try {
          return new FilterInputStream(tar.getInputStream(e)) {
            @Override
            public int read() throws IOException {
              try {
                return super.read();
              } catch (IOException | RuntimeException x) {
                throw corrupt(file, x);
              }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              try {
                return super.read(b, off, len);
              } catch (IOException | RuntimeException x) {
                throw corrupt(file, x);
              }
            }
          };
        } catch (IOException | RuntimeException x) {
          throw corrupt(file, x);
        }
      }

      @Override
      public void close() throws IOException {
        tar.close();
      }
    };
  }

  private static BerthException corrupt(Path file, Exception e) {
    if (e instanceof BerthException b) {
      return b;
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(why)) {
      why = why + " (" + cause.getMessage() + ")";
    }
    return ArchiveErrors.bad(file + ": not a valid tar archive: " + why);
  }

  private static String normalise(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n;
  }
}
