package dev.berth.app;

import dev.berth.image.Digest;
import dev.berth.registry.TransferListener;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns blob transfer progress into plain lines, as docker prints them without a terminal: one
 * when a blob starts, one at each quarter, one when it is complete.
 */
final class TransferLines implements TransferListener {

  private final Consumer<String> out;
  private final String verb;
  private final String doneText;
  private final Map<Digest, Integer> quarters = new ConcurrentHashMap<>();

  private TransferLines(Consumer<String> out, String verb, String doneText) {
    this.out = out;
    this.verb = verb;
    this.doneText = doneText;
  }

  static TransferLines pulling(Consumer<String> out) {
    return new TransferLines(out, "Downloading", "Pull complete");
  }

  static TransferLines pushing(Consumer<String> out) {
    return new TransferLines(out, "Pushing", "Pushed");
  }

  @Override
  public void exists(Digest digest, long size) {
    line(digest, "Already exists");
  }

  @Override
  public void mounted(Digest digest, long size, String fromRepository) {
    line(digest, "Mounted from " + fromRepository);
  }

  @Override
  public void progress(Digest digest, long done, long total) {
    int quarter = total <= 0 ? 4 : (int) Math.min(4, done * 4 / total);
    Integer last = quarters.get(digest);
    // A restarted transfer goes back to 0 and is shown again from there.
    if (last == null || quarter > last || (done == 0 && last > 0)) {
      quarters.put(digest, quarter);
      line(digest, verb + " " + human(done) + " of " + human(total));
    }
  }

  @Override
  public void done(Digest digest, long size) {
    line(digest, doneText);
  }

  private void line(Digest digest, String text) {
    synchronized (out) {
      out.accept(digest.shortHex() + ": " + text);
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
