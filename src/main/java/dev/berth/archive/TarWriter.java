package dev.berth.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an archive's tar: fixed owners, modes and times, so the same images always give the same
 * bytes; parent directories are added once, before their first file.
 */
final class TarWriter implements AutoCloseable {

  private static final Date EPOCH = new Date(0);

  private final TarArchiveOutputStream tar;
  private final Set<String> dirs = new HashSet<>();

  TarWriter(OutputStream out) {
    this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  void file(String name, byte[] content) throws IOException {
    file(name, content.length, new ByteArrayInputStream(content));
  }

  void file(String name, long size, InputStream content) throws IOException {
    parents(name);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    e.setMode(0100644);
    e.setModTime(EPOCH);
    tar.putArchiveEntry(e);
    long copied = content.transferTo(tar);
    if (copied != size) {
      throw new IOException(name + ": expected " + size + " bytes, read " + copied);
    }
    tar.closeArchiveEntry();
  }

  private void parents(String name) throws IOException {
    int slash = name.indexOf('/');
    while (slash > 0) {
      String dir = name.substring(0, slash + 1);
      if (dirs.add(dir)) {
        TarArchiveEntry e = new TarArchiveEntry(dir);
        e.setMode(040755);
        e.setModTime(EPOCH);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
      slash = name.indexOf('/', slash + 1);
    }
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.flush();
  }
}
