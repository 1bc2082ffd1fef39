package dev.berth.devcontainer;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a workspace's devcontainer.json in the specification's order: {@code
 * .devcontainer/devcontainer.json}, then {@code .devcontainer.json}, then {@code
 * .devcontainer/<folder>/devcontainer.json} when exactly one such folder has one.
 */
public final class ConfigLocator {

  private ConfigLocator() {}

  /**
   * The config file to use.
   *
   * @param workspaceFolder absolute
   * @param explicit a {@code --config} file, absolute, which is used as it is
   * @throws BerthException when the folder or the file does not exist, when no config is found, or
   *     when several are and none has precedence (the message lists them)
   */
  public static Path locate(Path workspaceFolder, Optional<Path> explicit)
      throws BerthException, IOException {
    if (!Files.isDirectory(workspaceFolder)) {
      throw BerthException.error(
          "no-workspace",
          "the workspace folder " + workspaceFolder + " does not exist or is not a folder",
          SourceRange.file(workspaceFolder.toString()));
    }
    if (explicit.isPresent()) {
      Path file = explicit.get();
      if (!Files.isRegularFile(file)) {
        throw BerthException.error(
            "no-config",
            "the dev container config " + file + " does not exist",
            SourceRange.file(file.toString()));
      }
      return file;
    }
    Path dir = workspaceFolder.resolve(".devcontainer");
    for (Path p :
        List.of(dir.resolve("devcontainer.json"), workspaceFolder.resolve(".devcontainer.json"))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    List<Path> nested = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> children = Files.list(dir)) {
        children
            .filter(Files::isDirectory)
            .map(c -> c.resolve("devcontainer.json"))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(nested::add);
      }
    }
    if (nested.size() == 1) {
      return nested.get(0);
    }
    if (nested.isEmpty()) {
      throw BerthException.error(
          "no-config",
          "no dev container config in "
              + workspaceFolder
              + ": looked for .devcontainer/devcontainer.json, .devcontainer.json and"
              + " .devcontainer/<folder>/devcontainer.json",
          SourceRange.file(workspaceFolder.toString()));
    }
    StringBuilder list = new StringBuilder();
    for (Path p : nested) {
      list.append("\n  ").append(workspaceFolder.relativize(p));
    }
    throw BerthException.error(
        "several-configs",
        "several dev container configs in "
            + workspaceFolder
            + "; choose one with --config:"
            + list,
        SourceRange.file(workspaceFolder.toString()));
  }
}
