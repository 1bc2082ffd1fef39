package dev.berth.cli;

import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc sources of berth's man pages, one per command ({@code berth-build.adoc},
 * {@code berth-compose-up.adoc}, ...), with picocli's own generator; {@code ./mvnw package} runs it
 * and renders them to troff in {@code target/man/man1}. It lives with the tests because
 * picocli-codegen is a build-time tool that the jar must not carry; the generator is given the
 * command line berth runs, with every command, since {@link BerthCommand} adds them at run time.
 *
 * <p>Usage: {@code ManPageSources OUTDIR}
 */
public final class ManPageSources {

  private ManPageSources() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPageSources OUTDIR");
    }
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandLine all = BerthCommand.commandLine(none, none, InputStream.nullInputStream());
    // One synopsis line: picocli's wrapping at 80 columns splits AsciiDoc's _italic_ marks across
    // lines, which garbles the page; man wraps the line itself.
    all.setUsageHelpWidth(10_000);
    int code =
        ManPageGenerator.generateManPage(
            new File(args[0]), null, new boolean[0], true, all.getCommandSpec());
    if (code != 0) {
      throw new IllegalStateException("picocli's man page generator failed with " + code);
    }
    try (Stream<Path> pages = Files.list(Path.of(args[0]))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
        Files.writeString(page, escapeLabels(Files.readString(page)));
      }
    }
  }

  /** A parameter label in italics, as picocli writes it: {@code =_NAME[:TAG]_} or {@code _CMD_}. */
  private static final Pattern LABEL = Pattern.compile("(?<=^|[=\\s\\[])_([^_\\s]+)_");

  /**
   * The page with brackets inside parameter labels ({@code NAME[:TAG]}) spelt as AsciiDoc's {@code
   * {startsb}} and {@code {endsb}}: AsciiDoc reads {@code [...]} before formatted text as that
   * text's attributes, which garbled every synopsis with such a label. Only the lines picocli
   * writes labels on are touched: the synopsis and the option and parameter terms.
   */
  static String escapeLabels(String page) {
    StringBuilder b = new StringBuilder();
    for (String line : page.split("\n", -1)) {
      if (line.startsWith("*") || line.startsWith("_")) {
        line =
            LABEL
                .matcher(line)
                .replaceAll(
                    m ->
                        Matcher.quoteReplacement(
                            "_"
                                + m.group(1).replace("[", "{startsb}").replace("]", "{endsb}")
                                + "_"));
      }
      b.append(line).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }
}
