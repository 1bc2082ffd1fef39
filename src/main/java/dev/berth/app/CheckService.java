package dev.berth.app;

import dev.berth.check.CheckOptions;
import dev.berth.check.CheckReport;
import dev.berth.check.Checker;
import dev.berth.check.Finding;
import dev.berth.check.JsonReport;
import dev.berth.check.ProjectSettings;
import dev.berth.check.Rules;
import dev.berth.check.SarifReport;
import dev.berth.check.TextReport;
import dev.berth.context.DockerIgnore;
import dev.berth.diag.BerthException;
import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code berth check}: reads a build's Dockerfile, its {@code .dockerignore} and the project's
 * {@code [tool.berth.check]} settings, runs the rules and renders the report.
 */
public final class CheckService {

  /** How the report is written. */
  public enum Format {
    TEXT,
    JSON,
    SARIF
  }

  /**
   * What to check.
   *
   * @param context the build context directory (its .dockerignore and pyproject.toml are read)
   * @param dockerfiles the Dockerfiles, each checked on its own; none means {@code
   *     context/Dockerfile}
   */
  public record CheckRequest(
      Path context,
      List<Path> dockerfiles,
      Optional<String> target,
      Map<String, String> buildArgs,
      Format format) {
    public CheckRequest {
      Objects.requireNonNull(context, "context");
      dockerfiles = List.copyOf(dockerfiles);
      Objects.requireNonNull(target, "target");
      buildArgs = Map.copyOf(buildArgs);
      Objects.requireNonNull(format, "format");
    }
  }

  /**
   * The rendered report and its counts.
   *
   * @param badInput true when part of the file could not be checked (it does not parse, or berth's
   *     reader or planner refuses it)
   */
  public record CheckOutcome(String output, int errors, int warnings, int notes, boolean badInput) {

    /** Whether a finding is at or above {@code threshold}: {@code warning} or {@code error}. */
    public boolean failsAt(String threshold) {
      return threshold.equals("error") ? errors > 0 : errors + warnings > 0;
    }
  }

  public CheckOutcome check(CheckRequest request) throws BerthException, IOException {
    if (!Files.isDirectory(request.context())) {
      throw BerthException.error(
          "bad-context",
          "the build context is not a directory: expected DIR to be the folder the build copies"
              + " from",
          SourceRange.file(request.context().toString()));
    }
    List<Path> files =
        request.dockerfiles().isEmpty()
            ? List.of(request.context().resolve("Dockerfile").normalize())
            : request.dockerfiles();
    Path pyproject = request.context().resolve("pyproject.toml");
    ProjectSettings settings =
        Files.isRegularFile(pyproject)
            ? ProjectSettings.fromPyproject(pyproject.toString(), DockerfileFiles.read(pyproject))
            : ProjectSettings.none();
    Checker checker = new Checker();
    List<CheckReport> reports = new ArrayList<>();
    Map<String, List<String>> sources = new HashMap<>();
    for (Path dockerfile : files) {
      String text = DockerfileFiles.read(dockerfile);
      DockerIgnore ignore = DockerIgnore.load(request.context(), Optional.of(dockerfile));
      CheckOptions options =
          CheckOptions.defaults()
              .withTarget(request.target())
              .withBuildArgs(request.buildArgs())
              .withIgnored(ignore::matches)
              .withProjectSkips(settings.skip());
      reports.add(checker.check(dockerfile.toString(), text, options));
      sources.put(dockerfile.toString(), Arrays.asList(text.split("\r?\n", -1)));
    }
    String output =
        switch (request.format()) {
          case TEXT -> TextReport.render(reports, f -> sources.getOrDefault(f, List.of()));
          case JSON -> JsonReport.render(reports);
          case SARIF -> SarifReport.render(reports, Rules.all(), version());
        };
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    boolean badInput = false;
    for (CheckReport report : reports) {
      errors += report.errors().size();
      badInput |= !report.errors().isEmpty();
      for (Finding f : report.findings()) {
        if (f.severity() == Severity.ERROR) {
          errors++;
        } else if (f.severity() == Severity.WARNING) {
          warnings++;
        } else {
          notes++;
        }
      }
    }
    return new CheckOutcome(output, errors, warnings, notes, badInput);
  }

  private static String version() {
    Properties p = new Properties();
    try (InputStream in = CheckService.class.getResourceAsStream("/dev/berth/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
