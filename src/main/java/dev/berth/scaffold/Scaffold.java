package dev.berth.scaffold;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code berth init}: reads the Python project in a folder and renders the Dockerfile, compose
 * file, devcontainer.json and .dockerignore for it. Writes nothing: the caller decides.
 */
public final class Scaffold {

  private Scaffold() {}

  /**
   * The files for the project in {@code dir}.
   *
   * @throws BerthException NOT_FOUND when {@code dir} holds no Python project, INVALID_INPUT
   *     (located where possible) when a file or an option is wrong, FAILED_PRECONDITION when the
   *     chosen tool lacks its lock file
   */
  public static ScaffoldResult of(Path dir, ScaffoldOptions options) throws IOException {
    PythonProject project = ProjectReader.read(dir);
    SetupPlanner.Planned planned = SetupPlanner.plan(project, options);
    return new ScaffoldResult(
        new SetupRenderer().render(planned.setup()), planned.findings(), planned.notes());
  }
}
