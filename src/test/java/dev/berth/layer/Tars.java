package dev.berth.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Small hand-made layers, entries in the order given (not sorted), so tests pick the order. */
final class Tars {
  private Tars() {}

  /** Builds a tar with commons-compress from (name, type, content-or-link) triples. */
  static byte[] tar(Object... args) throws IOException {
    List<Object> flat = new ArrayList<>();
    for (Object a : args) {
      if (a instanceof Object[] triple) {
        flat.addAll(Arrays.asList(triple));
      } else {
        flat.add(a);
      }
    }
    Object[] spec = flat.toArray();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(buf)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < spec.length; i += 3) {
        String name = (String) spec[i];
        byte type = (Byte) spec[i + 1];
        String value = (String) spec[i + 2];
        TarArchiveEntry e;
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
          e = new TarArchiveEntry(name, type, true);
          e.setLinkName(value);
        } else {
          e = new TarArchiveEntry(name, type, true);
        }
        byte[] content =
            type == TarConstants.LF_NORMAL ? value.getBytes(StandardCharsets.UTF_8) : new byte[0];
        e.setSize(content.length);
        e.setModTime(1_600_000_000_000L);
        e.setMode(
            type == TarConstants.LF_DIR
                ? 040755
                : type == TarConstants.LF_SYMLINK ? 0120777 : 0100644);
        out.putArchiveEntry(e);
        out.write(content);
        out.closeArchiveEntry();
      }
    }
    return buf.toByteArray();
  }

  static Object[] file(String name, String content) {
    return new Object[] {name, TarConstants.LF_NORMAL, content};
  }

  static Object[] dir(String name) {
    return new Object[] {name, TarConstants.LF_DIR, ""};
  }

  static Object[] symlink(String name, String target) {
    return new Object[] {name, TarConstants.LF_SYMLINK, target};
  }

  static Object[] hardLink(String name, String target) {
    return new Object[] {name, TarConstants.LF_LINK, target};
  }
}
