package dev.berth.container;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's log as conmon writes it (CRI's k8s-file format): one line per write, {@code
 * TIMESTAMP STREAM P|F TEXT}, where {@code P} marks a partial line that the next one continues.
 */
public final class ContainerLog {

  /** One line of output: when, which stream, and its text without the line ending. */
  public record Line(Instant time, boolean stderr, String text) {}

  private ContainerLog() {}

  /**
   * The complete lines from byte {@code from} on, and the offset after the last complete record, to
   * read on from when following.
   */
  public record Chunk(List<Line> lines, long next) {}

  public static Chunk read(Path file, long from) throws IOException {
    List<Line> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Chunk(out, from);
    }
    byte[] bytes;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      if (len <= from) {
        return new Chunk(out, from);
      }
      f.seek(from);
      bytes = new byte[(int) Math.min(len - from, 64L << 20)];
      f.readFully(bytes);
    }
    int start = 0;
    long consumed = from;
    StringBuilder partialOut = new StringBuilder();
    StringBuilder partialErr = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      String record = new String(bytes, start, i - start, StandardCharsets.UTF_8);
      start = i + 1;
      String[] f = record.split(" ", 4);
      if (f.length < 3) {
        consumed = from + start;
        continue;
      }
      boolean stderr = f[1].equals("stderr");
      String text = f.length > 3 ? f[3] : "";
      StringBuilder partial = stderr ? partialErr : partialOut;
      if (f[2].equals("P")) {
        partial.append(text);
        continue;
      }
      out.add(new Line(time(f[0]), stderr, partial + text));
      partial.setLength(0);
      // A partial line is read again with the line that ends it.
      if (partialOut.length() == 0 && partialErr.length() == 0) {
        consumed = from + start;
      }
    }
    return new Chunk(out, consumed);
  }

  private static Instant time(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
