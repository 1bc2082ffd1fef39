package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * Build progress as JSON lines with a timestamp each ({@code --progress rawjson}), for scripts and
 * for reading the build's own step times.
 */
final class JsonProgress implements EventSink {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter err;

  JsonProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void emit(BuildEvent event) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", Instant.now().toString());
    o.put("step", event.step());
    if (event instanceof BuildEvent.StepStarted s) {
      o.put("event", "started");
      o.put("stage", s.stage());
      o.put("number", s.number());
      o.put("total", s.total());
      o.put("text", s.text());
      o.put("location", s.location());
    } else if (event instanceof BuildEvent.StepOutput out) {
      o.put("event", "output");
      o.put("line", out.line());
      o.put("stream", out.stderr() ? "stderr" : "stdout");
    } else if (event instanceof BuildEvent.StepCached) {
      o.put("event", "cached");
    } else if (event instanceof BuildEvent.StepDone d) {
      o.put("event", "done");
      o.put("seconds", d.took().toMillis() / 1000.0);
    } else if (event instanceof BuildEvent.StepFailed f) {
      o.put("event", "failed");
      o.put("message", f.message());
    } else if (event instanceof BuildEvent.Note n) {
      o.put("event", "note");
      o.put("text", n.text());
    }
    err.println(o.toString());
    err.flush();
  }
}
