package dev.berth.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Output with a prefix at the start of every line, as compose shows each service's logs. */
final class PrefixedStream extends OutputStream {

  private final byte[] prefix;
  private final OutputStream out;
  private boolean atLineStart = true;

  PrefixedStream(String prefix, OutputStream out) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    synchronized (out) {
      if (atLineStart) {
        out.write(prefix);
      }
      out.write(b);
      atLineStart = b == '\n';
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    synchronized (out) {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (atLineStart) {
          out.write(prefix);
          atLineStart = false;
        }
        if (b[i] == '\n') {
          out.write(b, start, i - start + 1);
          start = i + 1;
          atLineStart = true;
        }
      }
      if (start < off + len) {
        out.write(b, start, off + len - start);
      }
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}
