package dev.berth.app;

import java.nio.charset.StandardCharsets;

/**
 * Tells a tar from other bytes by its first header block, as docker's CLI does before it decides
 * that standard input is a lone Dockerfile: the header's checksum must hold (which old v7 tars,
 * without the {@code ustar} magic, pass too).
 */
final class TarHeaders {

  private TarHeaders() {}

  static boolean isTar(byte[] head) {
    if (head.length < 512) {
      return false;
    }
    String field = new String(head, 148, 8, StandardCharsets.US_ASCII).trim();
    int nul = field.indexOf('\0');
    if (nul >= 0) {
      field = field.substring(0, nul).trim();
    }
    if (field.isEmpty() || !field.chars().allMatch(c -> c >= '0' && c <= '7')) {
      return false;
    }
    long expected = Long.parseLong(field, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < 512; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : head[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    return expected == unsigned || expected == signed;
  }
}
