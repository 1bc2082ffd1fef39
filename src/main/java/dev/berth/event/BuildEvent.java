package dev.berth.event;

import dev.berth.diag.SourceRange;
import java.time.Duration;
import java.util.Objects;

/** What a build reports while it runs; the CLI decides how to show it. */
public sealed interface BuildEvent {

  /** The step this event is about ({@code #3}), or 0 for the build as a whole. */
  int step();

  /**
   * A step begins.
   *
   * @param stage the stage name (or index)
   * @param number the step's position in its stage, from 1
   * @param total how many steps the stage has
   * @param text the instruction, arguments expanded
   * @param range where the instruction is written
   */
  record StepStarted(int step, String stage, int number, int total, String text, SourceRange range)
      implements BuildEvent {
    public StepStarted {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(range, "range");
    }

    /** {@code Dockerfile:12}, as progress output shows it. */
    public String location() {
      return range.file() + ":" + range.startLine();
    }
  }

  /** The step's result came from the cache; nothing ran. */
  record StepCached(int step) implements BuildEvent {}

  /** A line the step's process wrote. */
  record StepOutput(int step, String line, boolean stderr) implements BuildEvent {
    public StepOutput {
      Objects.requireNonNull(line, "line");
    }
  }

  /** The step finished. */
  record StepDone(int step, Duration took) implements BuildEvent {
    public StepDone {
      Objects.requireNonNull(took, "took");
    }
  }

  /** The step failed; the build stops. */
  record StepFailed(int step, String message) implements BuildEvent {
    public StepFailed {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A note about the build as a whole (a base image made locally, an image named). */
  record Note(int step, String text) implements BuildEvent {
    public Note {
      Objects.requireNonNull(text, "text");
    }

    public Note(String text) {
      this(0, text);
    }
  }
}
