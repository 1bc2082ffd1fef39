package dev.berth.cli;

import dev.berth.app.ContainerService;
import java.io.InputStream;
import picocli.CommandLine;

/** The command line's streams as a container's. */
final class Io {

  private Io() {}

  /** The command's out and err; a terminal's own stdio is handed on when there is one. */
  static ContainerService.Streams streams(CommandLine cl, InputStream in) {
    return new ContainerService.Streams(
        in, new WriterStream(cl.getOut()), new WriterStream(cl.getErr()), Terminals.isTerminal());
  }
}
