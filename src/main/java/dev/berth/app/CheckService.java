package dev.berth.app;

import dev.berth.check.CheckReport;
import dev.berth.check.Finding;
import dev.berth.check.JsonReport;
import dev.berth.check.ProjectChecker;
import dev.berth.check.Rules;
import dev.berth.check.SarifReport;
import dev.berth.check.TextReport;
import dev.berth.diag.BerthException;
import dev.berth.diag.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code berth check}: checks a project's Dockerfiles, compose file and devcontainer.json together
 * (package {@code check}) and renders the report; and the warnings a build prints before it starts.
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
   * @param context the project folder: the build context of the Dockerfiles named here, where
   *     .dockerignore, pyproject.toml, the compose file and the devcontainer.json are looked for
   * @param dockerfiles the Dockerfiles, each checked on its own; none means {@code
   *     context/Dockerfile} (when there is one) and those the other files build
   * @param compose a compose file, else {@code compose.yaml} (and its kin) in the context
   * @param devcontainer a devcontainer.json, else {@code .devcontainer/devcontainer.json} or {@code
   *     .devcontainer.json} in the context
   * @param environment what compose interpolation and {@code ${localEnv:...}} read
   * @param findOthers whether to look for the compose file and the devcontainer.json when they are
   *     not named
   */
  public record CheckRequest(
      Path context,
      List<Path> dockerfiles,
      Optional<Path> compose,
      Optional<Path> devcontainer,
      Optional<String> target,
      Map<String, String> buildArgs,
      Map<String, String> environment,
      boolean findOthers,
      Format format) {
    public CheckRequest {
      Objects.requireNonNull(context, "context");
      dockerfiles = List.copyOf(dockerfiles);
      Objects.requireNonNull(compose, "compose");
      Objects.requireNonNull(devcontainer, "devcontainer");
      Objects.requireNonNull(target, "target");
      buildArgs = Map.copyOf(buildArgs);
      environment = Map.copyOf(environment);
      Objects.requireNonNull(format, "format");
    }

    /** One Dockerfile with its context, as a build uses it: nothing else is read. */
    public static CheckRequest build(
        Path context,
        Optional<Path> dockerfile,
        Optional<String> target,
        Map<String, String> buildArgs) {
      return new CheckRequest(
          context,
          dockerfile.map(List::of).orElse(List.of()),
          Optional.empty(),
          Optional.empty(),
          target,
          buildArgs,
          Map.of(),
          false,
          Format.TEXT);
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
    ProjectChecker.Result result =
        new ProjectChecker()
            .check(
                new ProjectChecker.Request(
                    request.context(),
                    request.dockerfiles(),
                    request.compose(),
                    request.devcontainer(),
                    request.target(),
                    request.buildArgs(),
                    request.environment(),
                    request.findOthers()));
    List<CheckReport> reports = result.reports();
    String output =
        switch (request.format()) {
          case TEXT -> TextReport.render(reports, f -> result.sources().getOrDefault(f, List.of()));
          case JSON -> JsonReport.render(reports);
          case SARIF -> SarifReport.render(reports, Rules.all(), version());
        };
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    for (CheckReport report : reports) {
      errors += report.errors().size();
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
    return new CheckOutcome(output, errors, warnings, notes, result.badInput());
  }

  /**
   * The findings on one Dockerfile as a build prints them before it starts, as BuildKit prints its
   * checks' warnings: one line each, {@code warning: Rule: message (file:line)}.
   */
  public List<String> buildWarnings(
      Path context, Path dockerfile, Optional<String> target, Map<String, String> buildArgs)
      throws IOException {
    ProjectChecker.Result result;
    try {
      result =
          new ProjectChecker()
              .check(
                  new ProjectChecker.Request(
                      context,
                      List.of(dockerfile.normalize()),
                      Optional.empty(),
                      Optional.empty(),
                      target,
                      buildArgs,
                      Map.of(),
                      false));
    } catch (BerthException e) {
      // A malformed [tool.berth.check] table stops the checks, not the build.
      return List.of("warning: the build checks did not run: " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    for (CheckReport report : result.reports()) {
      for (Finding f : report.findings()) {
        out.add(
            f.severity().label()
                + ": "
                + f.rule().name()
                + ": "
                + f.message()
                + " ("
                + f.range()
                + ")");
      }
    }
    return out;
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
