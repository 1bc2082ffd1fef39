package dev.berth.cli;

import java.io.InputStream;
import picocli.CommandLine;

/** Creates commands, handing the program's standard input to those that read it. */
final class StdinFactory implements CommandLine.IFactory {

  /** A command that reads standard input. */
  interface ReadsStdin {
    void stdin(InputStream in);
  }

  private final InputStream in;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  StdinFactory(InputStream in) {
    this.in = in;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    K k = fallback.create(cls);
    if (k instanceof ReadsStdin r) {
      r.stdin(in);
    }
    return k;
  }
}
