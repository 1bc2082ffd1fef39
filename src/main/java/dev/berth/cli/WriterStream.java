package dev.berth.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The command line's writer as a byte stream, for container output: UTF-8 decoded as it comes, a
 * character split across writes kept until its last byte arrives.
 */
final class WriterStream extends OutputStream {

  private final PrintWriter writer;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);

  WriterStream(PrintWriter writer) {
    this.writer = writer;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int at = off;
    while (at < off + len) {
      int n = Math.min(pending.remaining(), off + len - at);
      pending.put(b, at, n);
      at += n;
      pending.flip();
      decoder.decode(pending, chars, false);
      pending.compact();
      chars.flip();
      writer.append(chars);
      chars.clear();
    }
  }

  @Override
  public synchronized void flush() {
    writer.flush();
  }
}
