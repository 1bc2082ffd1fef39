package dev.berth.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tar entries as ustar headers, adding a PAX extended header only when a value does not fit
 * ustar (long names, large sizes or ids) or the entry has extended attributes. PAX values are
 * written as raw bytes, so binary attributes such as {@code security.capability} survive.
 */
final class TarOutput {

  static final int BLOCK = 512;
  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];

  TarOutput(OutputStream out) {
    this.out = out;
  }

  void write(TarEntry e) throws IOException {
    String name = e.type() == EntryType.DIRECTORY ? e.name() + "/" : e.name();
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = e.linkName().getBytes(StandardCharsets.UTF_8);
    long mtime = Math.max(0, e.mtime());

    Map<String, byte[]> pax = new TreeMap<>();
    byte[][] split = splitName(nameBytes);
    if (split == null) {
      pax.put("path", nameBytes);
    }
    if (linkBytes.length > 100) {
      pax.put("linkpath", linkBytes);
    }
    if (e.size() > MAX_OCTAL_11) {
      pax.put("size", ascii(Long.toString(e.size())));
    }
    if (e.uid() > MAX_OCTAL_7) {
      pax.put("uid", ascii(Long.toString(e.uid())));
    }
    if (e.gid() > MAX_OCTAL_7) {
      pax.put("gid", ascii(Long.toString(e.gid())));
    }
    if (mtime > MAX_OCTAL_11) {
      pax.put("mtime", ascii(Long.toString(mtime)));
    }
    e.xattrs().forEach((k, v) -> pax.put("SCHILY.xattr." + k, v));

    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      String base = "PaxHeaders/" + name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
      byte[] paxName = truncate(base.getBytes(StandardCharsets.UTF_8), 100);
      out.write(
          header(
              new byte[][] {new byte[0], paxName},
              'x',
              0644,
              0,
              0,
              records.length,
              Math.min(mtime, MAX_OCTAL_11),
              new byte[0],
              0,
              0));
      out.write(records);
      pad(records.length);
    }
    byte[][] fields = split != null ? split : new byte[][] {new byte[0], truncate(nameBytes, 100)};
    out.write(
        header(
            fields,
            e.type().flag(),
            e.mode() & 07777,
            Math.min(e.uid(), MAX_OCTAL_7),
            Math.min(e.gid(), MAX_OCTAL_7),
            Math.min(e.size(), MAX_OCTAL_11),
            Math.min(mtime, MAX_OCTAL_11),
            truncate(linkBytes, 100),
            e.devMajor(),
            e.devMinor()));
    if (e.type() == EntryType.FILE && e.size() > 0) {
      copyContent(e);
      pad(e.size());
    }
  }

  /** The two zero blocks that end an archive. */
  void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void copyContent(TarEntry e) throws IOException {
    long remaining = e.size();
    try (InputStream in = Files.newInputStream(e.source().orElseThrow())) {
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          throw new IOException(
              "file "
                  + e.source().get()
                  + " shrank while the layer was written (entry "
                  + e.name()
                  + ")");
        }
        out.write(buffer, 0, n);
        remaining -= n;
      }
      if (in.read() >= 0) {
        throw new IOException(
            "file "
                + e.source().get()
                + " grew while the layer was written (entry "
                + e.name()
                + ")");
      }
    }
  }

  private void pad(long length) throws IOException {
    int rest = (int) (length % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  /** Prefix and name fields for ustar, or null when the name needs a PAX path record. */
  static byte[][] splitName(byte[] name) {
    if (name.length <= 100) {
      return new byte[][] {new byte[0], name};
    }
    if (name.length > 256) {
      return null;
    }
    // A trailing slash belongs to the name part; split at the earliest slash that fits both fields.
    int searchEnd = name[name.length - 1] == '/' ? name.length - 2 : name.length - 1;
    for (int i = Math.max(0, name.length - 101); i <= Math.min(155, searchEnd); i++) {
      if (name[i] == '/' && i <= 155 && name.length - i - 1 <= 100 && i > 0) {
        return new byte[][] {Arrays.copyOf(name, i), Arrays.copyOfRange(name, i + 1, name.length)};
      }
    }
    return null;
  }

  static byte[] paxRecords(Map<String, byte[]> records) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> r : records.entrySet()) {
      byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
      int body = 1 + key.length + 1 + r.getValue().length + 1; // " key=value\n"
      int len = body + Integer.toString(body).length();
      if (Integer.toString(len).length() != Integer.toString(body).length()) {
        len = body + Integer.toString(len).length();
      }
      buf.writeBytes(ascii(len + " "));
      buf.writeBytes(key);
      buf.write('=');
      buf.writeBytes(r.getValue());
      buf.write('\n');
    }
    return buf.toByteArray();
  }

  private static byte[] header(
      byte[][] name,
      char type,
      int mode,
      long uid,
      long gid,
      long size,
      long mtime,
      byte[] link,
      int major,
      int minor) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name[1], 0, h, 0, name[1].length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, uid);
    octal(h, 116, 8, gid);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    System.arraycopy(link, 0, h, 157, link.length);
    System.arraycopy(ascii("ustar\0" + "00"), 0, h, 257, 8);
    if (type == '3' || type == '4') {
      octal(h, 329, 8, major);
      octal(h, 337, 8, minor);
    }
    System.arraycopy(name[0], 0, h, 345, name[0].length);
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    // Checksum as six octal digits, NUL, space: the form GNU tar and Go both write.
    byte[] digits = ascii(String.format("%06o", sum));
    System.arraycopy(digits, 0, h, 148, 6);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void octal(byte[] h, int offset, int width, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > width - 1) {
      throw new IllegalArgumentException(
          "value " + value + " does not fit a tar field of width " + width);
    }
    byte[] digits = ascii("0".repeat(width - 1 - s.length()) + s);
    System.arraycopy(digits, 0, h, offset, width - 1);
    h[offset + width - 1] = 0;
  }

  private static byte[] truncate(byte[] b, int max) {
    return b.length <= max ? b : Arrays.copyOf(b, max);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
