package dev.berth.layer;

import dev.berth.diag.BerthException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads ustar, PAX and GNU tar headers. PAX values are kept as raw bytes (binary extended
 * attributes survive); every header's checksum is verified, and an archive that ends early is an
 * error, never a short read.
 */
final class TarReader {

  /** One header, with PAX and GNU long-name records applied. */
  record Header(
      String name,
      char type,
      int mode,
      long uid,
      long gid,
      long mtime,
      long size,
      String linkName,
      int devMajor,
      int devMinor,
      Map<String, byte[]> xattrs) {}

  /** Linux's limits: a name component (NAME_MAX) and a whole path (PATH_MAX, less its NUL). */
  static final int MAX_COMPONENT_BYTES = 255;

  static final int MAX_PATH_BYTES = 4095;

  private final InputStream in;
  private final byte[] block = new byte[TarOutput.BLOCK];
  private long position;
  private int entryNumber;
  private long remaining;
  private long padding;
  private String current;

  TarReader(InputStream in) {
    this.in =
        new FilterInputStream(in) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
              position++;
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              position += n;
            }
            return n;
          }
        };
  }

  /** The next entry's header, or empty at the end of the archive. */
  Optional<Header> next() throws IOException {
    skipRest();
    long headerAt = position;
    Map<String, byte[]> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    while (true) {
      if (!readBlock(true)) {
        throw LayerErrors.bad(
            null, "truncated archive: it ends without the two zero blocks that close a tar");
      }
      if (isZero(block)) {
        // The end marker; a second zero block may follow, or the stream may end here.
        return Optional.empty();
      }
      verifyChecksum();
      String name = string(0, 100);
      String prefix = isUstar() ? string(345, 155) : "";
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      current = name;
      char type = (char) block[156];
      long size = number(124, 12);
      if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        byte[] data = readData(size, name);
        switch (type) {
          case 'x' -> parsePax(data, pax, name);
          case 'L' -> longName = cString(data);
          case 'K' -> longLink = cString(data);
          default -> {} // global PAX records carry nothing berth applies
        }
        continue;
      }
      if (longName != null) {
        name = longName;
      }
      String link = longLink != null ? longLink : string(157, 100);
      long uid = number(108, 8);
      long gid = number(116, 8);
      long mtime = number(136, 12);
      Map<String, byte[]> xattrs = new TreeMap<>();
      for (Map.Entry<String, byte[]> r : pax.entrySet()) {
        String k = r.getKey();
        String v = new String(r.getValue(), StandardCharsets.UTF_8);
        try {
          switch (k) {
            case "path" -> name = v;
            case "linkpath" -> link = v;
            case "size" -> size = Long.parseLong(v);
            case "uid" -> uid = Long.parseLong(v);
            case "gid" -> gid = Long.parseLong(v);
            case "mtime" -> mtime = (long) Math.floor(Double.parseDouble(v));
            default -> {
              if (k.startsWith("SCHILY.xattr.")) {
                xattrs.put(k.substring("SCHILY.xattr.".length()), r.getValue());
              } else if (k.startsWith("GNU.sparse.")) {
                throw LayerErrors.bad(name, "sparse files are not supported");
              }
            }
          }
        } catch (NumberFormatException e) {
          throw LayerErrors.bad(name, "corrupt archive: bad PAX value " + k + "=" + v);
        }
      }
      current = name;
      entryNumber++;
      checkName(name, "name", headerAt, true);
      if (!link.isEmpty()) {
        // A symlink may point anywhere; a hard link names an entry, so it must be a valid path.
        checkName(link, "link target", headerAt, type == '1');
      }
      if (type == 'S') {
        throw LayerErrors.bad(name, "sparse files are not supported");
      }
      if (size < 0) {
        throw LayerErrors.bad(name, "corrupt archive: negative size");
      }
      remaining = (type == '0' || type == '\0' || type == '7') ? size : 0;
      // Data of other types (links, directories) is skipped, as tar does.
      padding = (TarOutput.BLOCK - size % TarOutput.BLOCK) % TarOutput.BLOCK + (size - remaining);
      return Optional.of(
          new Header(
              name,
              type,
              (int) number(100, 8),
              uid,
              gid,
              mtime,
              remaining,
              link,
              (int) number(329, 8),
              (int) number(337, 8),
              xattrs));
    }
  }

  /**
   * Refuses a name the file system cannot take, before anything tries to: a NUL byte (PAX records
   * may carry one; no path can), a component longer than NAME_MAX or a path longer than PATH_MAX.
   */
  private void checkName(String value, String what, long headerAt, boolean components)
      throws BerthException {
    String at = " (entry " + entryNumber + ", header at byte " + headerAt + ")";
    if (value.indexOf('\0') >= 0) {
      throw LayerErrors.bad(current, "the " + what + " holds a NUL byte" + at);
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PATH_BYTES) {
      throw LayerErrors.bad(
          current,
          "the "
              + what
              + " is "
              + bytes
              + " bytes long; at most "
              + MAX_PATH_BYTES
              + " are allowed"
              + at);
    }
    if (components) {
      for (String comp : value.split("/")) {
        int n = comp.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_COMPONENT_BYTES) {
          throw LayerErrors.bad(
              current,
              "a component of the "
                  + what
                  + " is "
                  + n
                  + " bytes long; at most "
                  + MAX_COMPONENT_BYTES
                  + " are allowed"
                  + at);
        }
      }
    }
  }

  /** Copies the current file's content to {@code out}. */
  void copyContent(OutputStream out) throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (remaining > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        throw truncated();
      }
      out.write(buf, 0, n);
      remaining -= n;
    }
  }

  /** Reads what follows the end marker, so a compressed stream's trailer is checked too. */
  void drain() throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (in.read(buf) >= 0) {
      // the tail is padding; reading it verifies the compression trailer
    }
  }

  private void skipRest() throws IOException {
    long toSkip = remaining + padding;
    byte[] buf = new byte[64 * 1024];
    while (toSkip > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, toSkip));
      if (n < 0) {
        throw truncated();
      }
      toSkip -= n;
    }
    remaining = 0;
    padding = 0;
  }

  private BerthException truncated() {
    return LayerErrors.bad(current, "truncated archive: the stream ends inside this entry");
  }

  private byte[] readData(long size, String name) throws IOException {
    if (size > 16 * 1024 * 1024) {
      throw LayerErrors.bad(name, "corrupt archive: extended header of " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    long pad = (TarOutput.BLOCK - size % TarOutput.BLOCK) % TarOutput.BLOCK;
    if (data.length < size || in.readNBytes((int) pad).length < pad) {
      throw truncated();
    }
    return data;
  }

  private boolean readBlock(boolean atBoundary) throws IOException {
    int n = in.readNBytes(block, 0, block.length);
    if (n == block.length) {
      return true;
    }
    if (n == 0 && atBoundary) {
      return false;
    }
    throw LayerErrors.bad(current, "truncated archive: the stream ends inside a header");
  }

  private void verifyChecksum() throws IOException {
    long stored;
    try {
      stored = number(148, 8);
    } catch (BerthException e) {
      throw LayerErrors.bad(
          null,
          "corrupt archive: header checksum field is not a number (after entry '" + current + "')");
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < block.length; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : block[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    if (stored != unsigned && stored != signed) {
      throw LayerErrors.bad(
          null, "corrupt archive: header checksum mismatch (after entry '" + current + "')");
    }
  }

  private boolean isUstar() {
    return block[257] == 'u'
        && block[258] == 's'
        && block[259] == 't'
        && block[260] == 'a'
        && block[261] == 'r'
        && block[262] == 0;
  }

  private String string(int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  /** An octal field, or GNU's base-256 form when the top bit of the first byte is set. */
  private long number(int offset, int length) throws BerthException {
    if ((block[offset] & 0x80) != 0) {
      long v = block[offset] & 0x3f;
      for (int i = 1; i < length; i++) {
        if ((v >>> 55) != 0) {
          throw LayerErrors.bad(current, "corrupt archive: numeric field too large");
        }
        v = (v << 8) | (block[offset + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
      int d = block[i] - '0';
      if (d < 0 || d > 7) {
        throw LayerErrors.bad(
            current, "corrupt archive: bad octal field at header offset " + offset);
      }
      v = v * 8 + d;
    }
    return v;
  }

  private void parsePax(byte[] data, Map<String, byte[]> out, String name) throws BerthException {
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw LayerErrors.bad(name, "corrupt archive: bad PAX record length");
      }
      int end = pos + len;
      if (len <= 0 || end > data.length || data[end - 1] != '\n') {
        throw LayerErrors.bad(name, "corrupt archive: bad PAX record");
      }
      int eq = space + 1;
      while (eq < end && data[eq] != '=') {
        eq++;
      }
      if (eq >= end) {
        throw LayerErrors.bad(name, "corrupt archive: PAX record without '='");
      }
      String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      byte[] value = Arrays.copyOfRange(data, eq + 1, end - 1);
      out.put(key, value);
      pos = end;
    }
  }

  static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
