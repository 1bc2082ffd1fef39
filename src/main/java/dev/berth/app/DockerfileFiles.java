package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.syntax.DockerfileParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files (Dockerfiles and the like), turning I/O failures into diagnostics. */
final class DockerfileFiles {

  private DockerfileFiles() {}

  /** The file's bytes, at most {@link DockerfileParser#MAX_FILE_BYTES} of them. */
  static byte[] readBounded(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DockerfileParser.readBounded(in, file.toString());
    }
  }

  static String read(Path file) throws BerthException {
    try {
      if (Files.isDirectory(file)) {
        throw BerthException.error(
            "file-unreadable",
            "is a directory, not a Dockerfile",
            SourceRange.file(file.toString()));
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(readBounded(file)))
          .toString();
    } catch (BerthException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw BerthException.error(
          "file-not-found", "no such file", SourceRange.file(file.toString()));
    } catch (CharacterCodingException e) {
      throw BerthException.error(
          "file-unreadable", "not valid UTF-8 text", SourceRange.file(file.toString()));
    } catch (IOException e) {
      throw BerthException.error(
          "file-unreadable", "cannot read: " + e.getMessage(), SourceRange.file(file.toString()));
    }
  }
}
