package dev.berth.app;

import java.util.List;
import java.util.Objects;

/** What expanding one Dockerfile word gave: a string, a list of words, or an error message. */
public sealed interface ExpandOutcome {

  /** The word expanded to one string. */
  record Value(String value) implements ExpandOutcome {
    public Value {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The word expanded and split into words. */
  record Words(List<String> words) implements ExpandOutcome {
    public Words {
      words = List.copyOf(words);
    }
  }

  /** The word could not be expanded; the message says why and where. */
  record Failure(String message) implements ExpandOutcome {
    public Failure {
      Objects.requireNonNull(message, "message");
    }
  }
}
