package dev.berth.layer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Tars written byte by byte, for what tar libraries refuse to write: PAX records whose values hold
 * NUL bytes or names of any length.
 */
public final class RawTar {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds an entry; {@code pax} records, if any, go in an extended header before it. */
  public RawTar entry(
      String name, char type, String link, byte[] content, Map<String, String> pax) {
    if (!pax.isEmpty()) {
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      pax.forEach((k, v) -> records.writeBytes(record(k, v)));
      byte[] data = records.toByteArray();
      block("PaxHeaders/x", 'x', "", data.length);
      pad(data);
    }
    block(name, type, link, content.length);
    pad(content);
    return this;
  }

  public RawTar file(String name, String content, Map<String, String> pax) {
    return entry(name, '0', "", content.getBytes(StandardCharsets.UTF_8), pax);
  }

  public byte[] bytes() {
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static byte[] record(String key, String value) {
    byte[] body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    int len = body.length;
    int total = len + Integer.toString(len).length();
    if (Integer.toString(total).length() != Integer.toString(len).length()) {
      total++;
    }
    ByteArrayOutputStream r = new ByteArrayOutputStream();
    r.writeBytes(Integer.toString(total).getBytes(StandardCharsets.US_ASCII));
    r.writeBytes(body);
    return r.toByteArray();
  }

  private void block(String name, char type, String link, long size) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", 1_600_000_000L));
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    out.writeBytes(h);
  }

  private void pad(byte[] data) {
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }
}
