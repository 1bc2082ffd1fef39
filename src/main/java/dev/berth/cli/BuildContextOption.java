package dev.berth.cli;

import dev.berth.app.NamedContext;
import dev.berth.diag.BerthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code --build-context NAME=VALUE}, read by {@link NamedContext#parse}. */
record BuildContextOption(String name, NamedContext context) {

  /** The named contexts by name; a name given twice is refused, as buildx does. */
  static Map<String, NamedContext> toMap(List<BuildContextOption> options) throws BerthException {
    Map<String, NamedContext> out = new LinkedHashMap<>();
    for (BuildContextOption o : options) {
      if (out.put(o.name(), o.context()) != null) {
        throw BerthException.invalid("--build-context " + o.name() + " is given twice");
      }
    }
    return out;
  }
}
