package dev.berth.check;

import dev.berth.dockerfile.shell.ExpansionException;
import dev.berth.dockerfile.syntax.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** BuildKit's checks of EXPOSE: the protocol's casing, and no address or host port. */
final class ExposeChecks {

  private ExposeChecks() {}

  /** One EXPOSE value split as docker splits {@code [ip:]host:container/proto}. */
  private record PortSpec(String raw, String ip, String hostPort, String proto) {

    static PortSpec split(String raw) {
      String[] parts = raw.split(":", -1);
      String ip = "";
      String host = "";
      String container;
      int n = parts.length;
      if (n == 1) {
        container = parts[0];
      } else if (n == 2) {
        host = parts[0];
        container = parts[1];
      } else {
        ip = String.join(":", Arrays.copyOfRange(parts, 0, n - 2));
        host = parts[n - 2];
        container = parts[n - 1];
      }
      String[] pp = container.split("/", -1);
      String proto = pp.length < 2 || pp[1].isEmpty() ? "tcp" : pp[1];
      return new PortSpec(raw, ip, host, proto);
    }
  }

  static void exposeProtoCasing(CheckSubject s, Findings out) {
    for (Exposed e : exposed(s)) {
      if (!e.spec().proto().equals(e.spec().proto().toLowerCase(Locale.ROOT))) {
        out.add(
            BuildKitRules.EXPOSE_PROTO_CASING,
            s.locate().word(e.node(), e.written(), true, e.node().writtenKeyword().length()),
            "Defined protocol '" + e.spec().raw() + "' in EXPOSE instruction should be lowercase",
            "write "
                + e.spec().raw().substring(0, e.spec().raw().lastIndexOf('/') + 1)
                + e.spec().proto().toLowerCase(Locale.ROOT));
      }
    }
  }

  static void exposeInvalidFormat(CheckSubject s, Findings out) {
    for (Exposed e : exposed(s)) {
      if (!e.spec().ip().isEmpty() || !e.spec().hostPort().isEmpty()) {
        String raw = e.spec().raw();
        out.add(
            BuildKitRules.EXPOSE_INVALID_FORMAT,
            s.locate().word(e.node(), e.written(), true, e.node().writtenKeyword().length()),
            "EXPOSE instruction should not define an IP address or host-port mapping, found '"
                + raw
                + "'",
            "expose the container port only (EXPOSE "
                + raw.substring(raw.lastIndexOf(':') + 1)
                + ") and map host ports when the container runs");
      }
    }
  }

  private record Exposed(Node node, String written, PortSpec spec) {}

  private static List<Exposed> exposed(CheckSubject s) {
    Optional<StageScopes> scopes = s.scopes();
    List<Exposed> out = new ArrayList<>();
    for (SyntaxStages.Stage st : s.stages().stages()) {
      for (int i = 0; i < st.body().size(); i++) {
        Node n = st.body().get(i);
        if (!n.keyword().equals("expose")) {
          continue;
        }
        Map<String, String> env =
            scopes.isPresent() ? scopes.get().of(st.index()).before().get(i).env() : Map.of();
        for (String written : n.args()) {
          List<String> ports;
          try {
            ports = s.lex().processWords(written, env);
          } catch (ExpansionException ex) {
            ports = List.of(written);
          }
          for (String p : ports) {
            out.add(new Exposed(n, written, PortSpec.split(p)));
          }
        }
      }
    }
    return out;
  }
}
