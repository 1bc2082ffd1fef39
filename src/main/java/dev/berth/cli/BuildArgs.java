package dev.berth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Turns {@code --build-arg K=V} flags into a map; a bare {@code K} takes K's value from the
 * environment, as docker does.
 */
final class BuildArgs {

  private BuildArgs() {}

  static Map<String, String> parse(
      List<String> flags, Function<String, String> environment, CommandLine cl) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : flags) {
      int eq = f.indexOf('=');
      String key = eq < 0 ? f : f.substring(0, eq);
      if (key.isEmpty()) {
        throw new CommandLine.ParameterException(
            cl, "invalid --build-arg '" + f + "': expected NAME=VALUE or NAME");
      }
      if (eq >= 0) {
        out.put(key, f.substring(eq + 1));
      } else {
        String v = environment.apply(key);
        if (v != null) {
          out.put(key, v);
        }
      }
    }
    return out;
  }
}
