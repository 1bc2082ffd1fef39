package dev.berth.compose;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to find and read a compose project: the options of {@code docker compose} ({@code -f}, {@code
 * -p}, {@code --project-directory}, {@code --profile}, {@code --env-file}) and the shell
 * environment, which the caller passes in.
 *
 * @param currentDirectory where relative {@code -f} paths start and discovery starts
 * @param files the {@code -f} files in order; {@code -} reads {@code stdin}; empty to discover
 * @param environment the shell's variables; they win over {@code .env}
 * @param stdin the content of {@code -f -}
 * @param platform the only platform {@code build.platforms} may name
 */
public record LoadOptions(
    Path currentDirectory,
    List<String> files,
    Optional<Path> projectDirectory,
    Optional<String> projectName,
    List<String> profiles,
    List<Path> envFiles,
    Map<String, String> environment,
    Supplier<InputStream> stdin,
    String platform) {

  public LoadOptions {
    Objects.requireNonNull(currentDirectory, "currentDirectory");
    files = List.copyOf(files);
    profiles = List.copyOf(profiles);
    envFiles = List.copyOf(envFiles);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(platform, "platform");
  }

  /** Discovery from a folder with a shell environment, and nothing else set. */
  public static LoadOptions of(Path currentDirectory, Map<String, String> environment) {
    return new LoadOptions(
        currentDirectory,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        environment,
        InputStream::nullInputStream,
        "linux/amd64");
  }

  public LoadOptions withFiles(List<String> newFiles) {
    return new LoadOptions(
        currentDirectory,
        newFiles,
        projectDirectory,
        projectName,
        profiles,
        envFiles,
        environment,
        stdin,
        platform);
  }

  public LoadOptions withProjectDirectory(Path dir) {
    return new LoadOptions(
        currentDirectory,
        files,
        Optional.of(dir),
        projectName,
        profiles,
        envFiles,
        environment,
        stdin,
        platform);
  }

  public LoadOptions withProjectName(String name) {
    return new LoadOptions(
        currentDirectory,
        files,
        projectDirectory,
        Optional.of(name),
        profiles,
        envFiles,
        environment,
        stdin,
        platform);
  }

  public LoadOptions withProfiles(List<String> newProfiles) {
    return new LoadOptions(
        currentDirectory,
        files,
        projectDirectory,
        projectName,
        newProfiles,
        envFiles,
        environment,
        stdin,
        platform);
  }

  public LoadOptions withEnvFiles(List<Path> newEnvFiles) {
    return new LoadOptions(
        currentDirectory,
        files,
        projectDirectory,
        projectName,
        profiles,
        newEnvFiles,
        environment,
        stdin,
        platform);
  }

  public LoadOptions withStdin(Supplier<InputStream> newStdin) {
    return new LoadOptions(
        currentDirectory,
        files,
        projectDirectory,
        projectName,
        profiles,
        envFiles,
        environment,
        newStdin,
        platform);
  }
}
