package dev.berth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What selects a Dockerfile's stages and args: {@code -f}, {@code --target}, {@code --build-arg}.
 */
final class BuildInputOptions {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description =
          "The Dockerfile (default: CONTEXT/Dockerfile); - reads it from standard input. For a tar"
              + " or git context, a relative path names a file inside it.")
  Path file;

  @Option(
      names = "--target",
      paramLabel = "STAGE",
      description = "The stage to build (default: the last).")
  String target;

  @Option(
      names = "--build-arg",
      paramLabel = "NAME[=VALUE]",
      converter = Converters.PairOrName.class,
      description = "A build arg; NAME alone takes its value from the environment. Repeatable.")
  List<KeyValue> buildArgs = new ArrayList<>();

  Optional<Path> dockerfile() {
    return Optional.ofNullable(file);
  }

  Optional<String> target() {
    return Optional.ofNullable(target);
  }

  Map<String, String> buildArgs() {
    return KeyValue.toMap(buildArgs, System::getenv);
  }
}
