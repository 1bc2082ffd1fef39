package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** {@code EXPOSE port[/proto]...}: ports the image documents as listened on. */
public record Expose(List<String> ports, SourceRange range, String original)
    implements Instruction, Expandable<Expose> {

  private static final Pattern PORT =
      Pattern.compile("(\\d{1,5})(-(\\d{1,5}))?(/(tcp|udp|sctp|TCP|UDP|SCTP))?");

  public Expose {
    ports = List.copyOf(ports);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  /** Expands each port and checks it; a value like {@code "80 443"} gives two ports. */
  @Override
  public Expose expand(WordExpander e) throws BerthException {
    List<String> out = new ArrayList<>();
    for (String p : ports) {
      for (String port : e.word(p).trim().split("\\s+")) {
        if (port.isEmpty()) {
          continue;
        }
        check(port, range);
        out.add(port);
      }
    }
    return new Expose(out, range, original);
  }

  static void check(String port, SourceRange range) throws BerthException {
    if (port.contains("$")) {
      return;
    }
    var m = PORT.matcher(port);
    boolean ok = m.matches();
    if (ok) {
      int lo = Integer.parseInt(m.group(1));
      int hi = m.group(3) == null ? lo : Integer.parseInt(m.group(3));
      ok = lo <= 65535 && hi <= 65535 && lo <= hi;
    }
    if (!ok) {
      throw BerthException.error(
          "bad-port",
          "EXPOSE: invalid port '"
              + port
              + "' (expected PORT, PORT/tcp, PORT/udp or FROM-TO/proto)",
          range);
    }
  }
}
