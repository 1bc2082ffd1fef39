package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.ImageReference;
import dev.berth.scaffold.GeneratedFile;
import dev.berth.scaffold.Scaffold;
import dev.berth.scaffold.ScaffoldOptions;
import dev.berth.scaffold.ScaffoldResult;
import dev.berth.scaffold.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code berth init}: writes a Dockerfile, compose.yaml, .devcontainer/devcontainer.json and
 * .dockerignore for the Python project in a folder. An existing file is replaced only when asked
 * ({@code force}); a dry run writes nothing.
 */
public final class InitService {

  /** The tool that installs the dependencies. */
  public enum InitTool {
    POETRY,
    UV,
    PIP
  }

  /**
   * What to write.
   *
   * @param python a Python version such as {@code 3.12}
   * @param base the build stages' base image, in place of {@code python:X-slim}
   * @param prodBase prod's base image; by default the build stages'
   * @param offline builds that reach no package index (pip takes the base's Debian wheels)
   * @param cacheMounts installs with BuildKit cache mounts; false for docker's legacy builder
   * @param force replace files that exist
   * @param dryRun write nothing: the result holds the files' text
   */
  public record InitRequest(
      Path directory,
      Optional<InitTool> tool,
      Optional<String> python,
      Optional<ImageReference> base,
      Optional<ImageReference> prodBase,
      Optional<String> name,
      Optional<Integer> port,
      boolean offline,
      boolean cacheMounts,
      boolean force,
      boolean dryRun) {
    public InitRequest {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(python, "python");
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(prodBase, "prodBase");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(port, "port");
    }
  }

  /** What happened to one file. */
  public enum FileAction {
    /** It did not exist and was written. */
    CREATED,
    /** It existed with other text and was replaced ({@code --force}). */
    REPLACED,
    /** It existed with the same text. */
    UNCHANGED,
    /** A dry run: nothing was written. */
    SHOWN
  }

  /**
   * One file init wrote or would write.
   *
   * @param path relative to the project
   * @param exists whether a file was there before
   */
  public record InitFile(String path, String text, boolean exists, FileAction action) {
    public InitFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(action, "action");
    }
  }

  /**
   * The outcome.
   *
   * @param findings what init detected, one line each
   * @param notes what needs a person's attention
   */
  public record InitResult(List<InitFile> files, List<String> findings, List<String> notes) {
    public InitResult {
      files = List.copyOf(files);
      findings = List.copyOf(findings);
      notes = List.copyOf(notes);
    }
  }

  /**
   * Renders the files and, unless it is a dry run, writes them.
   *
   * @throws BerthException NOT_FOUND when the folder holds no Python project, CONFLICT when files
   *     exist with other text and {@code force} is not set (nothing is written then), INVALID_INPUT
   *     or FAILED_PRECONDITION for bad files and options
   */
  public InitResult init(InitRequest r) throws IOException {
    ScaffoldResult rendered =
        Scaffold.of(
            r.directory(),
            new ScaffoldOptions(
                r.tool().map(t -> Tool.valueOf(t.name())),
                r.python(),
                r.base().map(ImageReference::familiar),
                r.prodBase().map(ImageReference::familiar),
                r.name(),
                r.port(),
                r.offline(),
                r.cacheMounts()));
    List<GeneratedFile> files = rendered.files();
    List<String> conflicts = new ArrayList<>();
    List<Boolean> exists = new ArrayList<>();
    List<Boolean> same = new ArrayList<>();
    for (GeneratedFile f : files) {
      Path target = r.directory().resolve(f.path());
      boolean there = Files.exists(target);
      boolean equal =
          there
              && Files.isRegularFile(target)
              && Files.readString(target, StandardCharsets.UTF_8).equals(f.text());
      exists.add(there);
      same.add(equal);
      if (there && !equal) {
        conflicts.add(f.path());
      }
    }
    if (!r.dryRun() && !r.force() && !conflicts.isEmpty()) {
      throw new BerthException(
          ErrorKind.CONFLICT,
          "init-would-overwrite",
          "nothing was written: "
              + String.join(", ", conflicts)
              + (conflicts.size() == 1 ? " exists" : " exist")
              + " in "
              + r.directory()
              + " with other text; pass --force to replace "
              + (conflicts.size() == 1 ? "it" : "them")
              + ", or --dry-run to see what init would write");
    }
    List<InitFile> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      GeneratedFile f = files.get(i);
      FileAction action;
      if (r.dryRun()) {
        action = FileAction.SHOWN;
      } else if (same.get(i)) {
        action = FileAction.UNCHANGED;
      } else {
        write(r.directory().resolve(f.path()), f.text());
        action = exists.get(i) ? FileAction.REPLACED : FileAction.CREATED;
      }
      out.add(new InitFile(f.path(), f.text(), exists.get(i), action));
    }
    return new InitResult(out, rendered.findings(), rendered.notes());
  }

  /** Writes beside the target and renames over it, so that a file is never left half-written. */
  private static void write(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
