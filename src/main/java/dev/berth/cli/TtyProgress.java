package dev.berth.cli;

import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Build progress for a terminal: one line per step, with the running step's last output lines shown
 * below it and folded away when it finishes, as BuildKit's tty mode does.
 */
final class TtyProgress implements EventSink {

  private static final int SHOWN = 6;

  private final PrintWriter err;
  private final Deque<String> tail = new ArrayDeque<>();
  private int shownLines;
  private String current = "";

  TtyProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void emit(BuildEvent event) {
    if (event instanceof BuildEvent.StepStarted s) {
      clearTail();
      current = String.format("[%s %d/%d] %s", s.stage(), s.number(), s.total(), s.text());

      err.print("\033[36m=> " + current + "\033[0m\n");
      shownLines = 0;
      tail.clear();
    } else if (event instanceof BuildEvent.StepOutput o) {
      if (tail.size() == SHOWN) {
        tail.removeFirst();
      }
      tail.addLast(o.line());
      redrawTail();
    } else if (event instanceof BuildEvent.StepCached) {
      finish("CACHED");
    } else if (event instanceof BuildEvent.StepDone d) {
      finish(String.format(Locale.ROOT, "%.1fs", d.took().toMillis() / 1000.0));
    } else if (event instanceof BuildEvent.StepFailed f) {
      // Keep the failing step's output on screen.
      err.print("\033[31m=> ERROR " + current + ": " + f.message() + "\033[0m\n");
      shownLines = 0;
      tail.clear();
    } else if (event instanceof BuildEvent.Note n) {
      clearTail();
      err.println(n.text());
    }
    err.flush();
  }

  private void finish(String status) {
    clearTail();
    // Replace the step's line by its folded form.
    err.print("\033[F\033[2K=> " + current + "  " + status + "\n");
    tail.clear();
  }

  private void redrawTail() {
    clearTail();
    for (String line : tail) {
      String l = line.length() > 150 ? line.substring(0, 150) + "…" : line;
      err.print("\033[2m   " + l + "\033[0m\n");
    }
    shownLines = tail.size();
  }

  private void clearTail() {
    for (int i = 0; i < shownLines; i++) {
      err.print("\033[F\033[2K");
    }
    shownLines = 0;
  }
}
