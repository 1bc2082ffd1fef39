package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.syntax.DockerfileParser;
import dev.berth.dockerfile.syntax.SyntaxDump;
import dev.berth.dockerfile.syntax.SyntaxTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Parses a Dockerfile and shows its syntax tree in BuildKit's dump form. */
public final class ParseService {

  /** The most of a Dockerfile berth reads (see {@link DockerfileParser#MAX_FILE_BYTES}). */
  public static final int MAX_DOCKERFILE_BYTES = DockerfileParser.MAX_FILE_BYTES;

  /**
   * The dump and the parser's warnings.
   *
   * @param dump one {@code (instruction ...)} per line
   * @param directives the parser directives at the top ({@code syntax}, {@code escape}, {@code
   *     check}) as {@code name=value}, in file order
   */
  public record ParsedDockerfile(String dump, List<Diagnostic> warnings, List<String> directives) {
    public ParsedDockerfile {
      warnings = List.copyOf(warnings);
      directives = List.copyOf(directives);
    }
  }

  /**
   * Reads and parses {@code file}.
   *
   * @throws BerthException when the file is missing or unreadable ({@code file-not-found}, {@code
   *     file-unreadable}) or is not a valid Dockerfile
   */
  public ParsedDockerfile parse(Path file) throws BerthException {
    String name = file.toString();
    SyntaxTree tree = DockerfileParser.parse(name, read(file));
    return new ParsedDockerfile(
        SyntaxDump.dump(tree),
        tree.warnings(),
        tree.directives().stream().map(d -> d.name() + "=" + d.value()).toList());
  }

  /** The file's text; bytes that are not UTF-8 become U+FFFD rather than failing the read. */
  static String read(Path file) throws BerthException {
    String name = file.toString();
    byte[] bytes;
    try {
      if (!Files.exists(file)) {
        throw BerthException.error(
            "file-not-found", "no such file: expected a Dockerfile here", SourceRange.file(name));
      }
      bytes = DockerfileFiles.readBounded(file);
    } catch (BerthException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw BerthException.error(
          "file-not-found", "no such file: expected a Dockerfile here", SourceRange.file(name));
    } catch (IOException | SecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (Files.isDirectory(file)) {
        why = "it is a directory";
      }
      throw BerthException.error(
          "file-unreadable", "cannot read the file: " + why, SourceRange.file(name));
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
  }
}
