package dev.berth.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** Where a container's standard input, output and error go. */
public sealed interface Stdio {

  /** Which output a line came from. */
  enum Channel {
    STDOUT,
    STDERR
  }

  /** Receives output one line at a time (without its line ending); calls never overlap. */
  @FunctionalInterface
  interface LineSink {
    void line(Channel channel, String text);
  }

  /** The caller's own stdin, stdout and stderr, as {@code berth run} uses them. */
  record Inherit() implements Stdio {}

  /**
   * Given streams: {@code in} is copied to the process and then closed (null means empty input);
   * output is copied as it comes. The streams are not closed by the runtime.
   */
  record Streams(InputStream in, OutputStream out, OutputStream err) implements Stdio {
    public Streams {
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(err, "err");
    }
  }

  /** Empty input, and output sent line by line to a sink, as a build shows RUN output. */
  record Lines(LineSink sink) implements Stdio {
    public Lines {
      Objects.requireNonNull(sink, "sink");
    }
  }

  static Stdio inherit() {
    return new Inherit();
  }

  static Stdio streams(InputStream in, OutputStream out, OutputStream err) {
    return new Streams(in, out, err);
  }

  static Stdio lines(LineSink sink) {
    return new Lines(sink);
  }
}
