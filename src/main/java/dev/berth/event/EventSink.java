package dev.berth.event;

/** Receives build and run events; implementations must accept events from several threads. */
@FunctionalInterface
public interface EventSink {

  void emit(BuildEvent event);

  /** Drops every event. */
  static EventSink none() {
    return e -> {};
  }
}
