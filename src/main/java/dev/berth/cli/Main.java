package dev.berth.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code berth} program: runs the command line with the process's streams. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, System.in);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs berth with the given streams and returns its exit code; tests call this directly. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
    return BerthCommand.commandLine(out, err, in).execute(args);
  }
}
