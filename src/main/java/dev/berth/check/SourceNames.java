package dev.berth.check;

import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.nio.file.Path;

/**
 * The names findings give files: the readers name them by absolute path, and a report names a file
 * below the checked folder the way the folder was given ({@code examples/app/compose.yaml}).
 */
record SourceNames(Path given, Path absolute) {

  static SourceNames forFolder(Path dir) {
    return new SourceNames(dir, dir.toAbsolutePath().normalize());
  }

  String name(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(absolute)) {
      return given.resolve(absolute.relativize(abs)).normalize().toString();
    }
    return file.toString();
  }

  String name(String file) {
    if (file.isEmpty() || file.equals("-")) {
      return file;
    }
    return name(Path.of(file));
  }

  SourceRange range(SourceRange r) {
    return new SourceRange(
        name(r.file()), r.startLine(), r.startColumn(), r.endLine(), r.endColumn());
  }

  Diagnostic diagnostic(Diagnostic d) {
    return new Diagnostic(d.severity(), d.code(), d.message(), range(d.range()));
  }
}
