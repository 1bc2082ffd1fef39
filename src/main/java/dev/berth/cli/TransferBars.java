package dev.berth.cli;

import dev.berth.app.TransferUpdate;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Pull and push progress on a terminal, as docker shows it: one line per layer with a bar and the
 * bytes done of the total, redrawn in place (at most ten times a second), messages above them.
 */
final class TransferBars implements Consumer<TransferUpdate> {

  private static final int WIDTH = 40;

  private final PrintWriter err;
  private final LongSupplier clock;
  private final Map<String, TransferUpdate> layers = new LinkedHashMap<>();
  private int drawn;
  private long lastDraw;

  TransferBars(PrintWriter err) {
    this(err, System::nanoTime);
  }

  TransferBars(PrintWriter err, LongSupplier nanoClock) {
    this.err = err;
    this.clock = nanoClock;
  }

  @Override
  public synchronized void accept(TransferUpdate u) {
    if (u.layer().isEmpty()) {
      erase();
      err.println(u.status());
      redraw();
      return;
    }
    TransferUpdate before = layers.put(u.layer(), u);
    boolean statusChanged = before == null || !before.status().equals(u.status());
    if (statusChanged || clock.getAsLong() - lastDraw > 100_000_000L) {
      erase();
      redraw();
    }
  }

  /** Draws the final state; call when the transfer is over. */
  synchronized void finish() {
    erase();
    redraw();
  }

  private void erase() {
    for (int i = 0; i < drawn; i++) {
      err.print("\033[1A\033[2K");
    }
    drawn = 0;
  }

  private void redraw() {
    for (TransferUpdate u : layers.values()) {
      err.print(render(u));
      err.print('\n');
      drawn++;
    }
    err.flush();
    lastDraw = clock.getAsLong();
  }

  /** {@code 3f1a2b4c5d6e: Downloading [=========> ] 12.3MB/45.6MB}. */
  static String render(TransferUpdate u) {
    if (!u.inProgress()) {
      return u.layer() + ": " + u.status();
    }
    int filled = (int) Math.min(WIDTH, u.done() * WIDTH / Math.max(1, u.total()));
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    bar.append(']');
    return String.format(
        Locale.ROOT,
        "%s: %-11s %s %9s/%s",
        u.layer(),
        u.status(),
        bar,
        Sizes.human(u.done(), 4),
        Sizes.human(u.total(), 4));
  }
}
