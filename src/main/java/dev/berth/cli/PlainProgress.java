package dev.berth.cli;

import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Build progress as BuildKit's plain mode prints it: every step, every output line, in order. */
final class PlainProgress implements EventSink {

  private final PrintWriter err;
  private final Map<Integer, Long> started = new HashMap<>();

  PlainProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void emit(BuildEvent event) {
    if (event instanceof BuildEvent.StepStarted s) {
      started.put(s.step(), System.nanoTime());
      err.printf("#%d [%s %d/%d] %s%n", s.step(), s.stage(), s.number(), s.total(), s.text());
    } else if (event instanceof BuildEvent.StepOutput o) {
      double t = (System.nanoTime() - started.getOrDefault(o.step(), System.nanoTime())) / 1e9;
      err.printf(Locale.ROOT, "#%d %.3f %s%n", o.step(), t, o.line());
    } else if (event instanceof BuildEvent.StepCached c) {
      err.printf("#%d CACHED%n", c.step());
    } else if (event instanceof BuildEvent.StepDone d) {
      err.printf(Locale.ROOT, "#%d DONE %.1fs%n%n", d.step(), d.took().toMillis() / 1000.0);
    } else if (event instanceof BuildEvent.StepFailed f) {
      err.printf("#%d ERROR: %s%n%n", f.step(), f.message());
    } else if (event instanceof BuildEvent.Note n) {
      err.println(n.text());
    }
    err.flush();
  }
}
