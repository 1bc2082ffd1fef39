package dev.berth.scaffold;

import java.util.Objects;

/**
 * A console script the project installs: {@code name = "module:function"} in {@code
 * [project.scripts]} or {@code [tool.poetry.scripts]}.
 */
record ConsoleScript(String name, String reference) {
  ConsoleScript {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reference, "reference");
  }
}
