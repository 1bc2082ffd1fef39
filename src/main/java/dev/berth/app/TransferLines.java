package dev.berth.app;

import dev.berth.image.Digest;
import dev.berth.registry.TransferListener;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns blob transfer progress into updates: for plain lines, as docker prints them without a
 * terminal, one when a blob starts, one at each quarter and one when it is complete; for a
 * terminal's progress bars, every chunk.
 */
final class TransferLines implements TransferListener {

  private final Consumer<TransferUpdate> out;
  private final String verb;
  private final String doneText;
  private final boolean everyChunk;
  private final Map<Digest, Integer> quarters = new ConcurrentHashMap<>();

  private TransferLines(
      Consumer<TransferUpdate> out, String verb, String doneText, boolean everyChunk) {
    this.out = out;
    this.verb = verb;
    this.doneText = doneText;
    this.everyChunk = everyChunk;
  }

  static TransferLines pulling(Consumer<TransferUpdate> out, boolean everyChunk) {
    return new TransferLines(out, "Downloading", "Pull complete", everyChunk);
  }

  static TransferLines pushing(Consumer<TransferUpdate> out, boolean everyChunk) {
    return new TransferLines(out, "Pushing", "Pushed", everyChunk);
  }

  @Override
  public void exists(Digest digest, long size) {
    emit(new TransferUpdate(digest.shortHex(), "Already exists", size, size));
  }

  @Override
  public void mounted(Digest digest, long size, String fromRepository) {
    emit(new TransferUpdate(digest.shortHex(), "Mounted from " + fromRepository, size, size));
  }

  @Override
  public void progress(Digest digest, long done, long total) {
    int quarter = total <= 0 ? 4 : (int) Math.min(4, done * 4 / total);
    Integer last = quarters.get(digest);
    // A restarted transfer goes back to 0 and is shown again from there.
    if (everyChunk || last == null || quarter > last || (done == 0 && last > 0)) {
      quarters.put(digest, quarter);
      emit(new TransferUpdate(digest.shortHex(), verb, done, total));
    }
  }

  @Override
  public void done(Digest digest, long size) {
    emit(new TransferUpdate(digest.shortHex(), doneText, size, size));
  }

  private void emit(TransferUpdate update) {
    synchronized (out) {
      out.accept(update);
    }
  }

  static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", v, units[u]);
  }
}
