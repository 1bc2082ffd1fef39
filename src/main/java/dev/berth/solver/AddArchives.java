package dev.berth.solver;

import dev.berth.diag.BerthException;
import dev.berth.layer.Compression;
import dev.berth.layer.EntryType;
import dev.berth.layer.LayerApplier;
import dev.berth.layer.TarEntry;
import dev.berth.layer.TreeScanner;
import dev.berth.runtime.Users;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ADD of a local tar (plain, gzip, bzip2, xz or zstd) unpacks it into the destination directory
 * instead of copying the file, as docker does; the tar is extracted safely first.
 */
final class AddArchives {

  private AddArchives() {}

  /**
   * Replaces each named source file that is a tar by the entries it holds, unpacked into the
   * destination directory; tars inside copied directories stay files. With {@code --chown} the
   * unpacked files get that owner (BuildKit's frontend 1.17 and later), else they keep the tar's.
   *
   * @param archives the names of the entries that came from source arguments themselves
   * @param destination the instruction's resolved destination
   */
  static void unpack(
      Map<String, TarEntry> entries,
      List<String> archives,
      String destination,
      CopyStep.Parents parents,
      Optional<Users.Owner> chown,
      Path temp)
      throws IOException {
    for (String name : archives) {
      TarEntry archive = entries.get(name);
      if (archive == null
          || archive.type() != EntryType.FILE
          || archive.source().isEmpty()
          || !isTar(archive.source().get())) {
        continue;
      }
      entries.remove(name);
      String destDir = name.equals(destination) ? name : parentOf(name);
      Path into = Files.createTempDirectory(temp, "add-");
      try (InputStream in =
          Compression.decompressedArchive(Files.newInputStream(archive.source().get()))) {
        new LayerApplier().apply(in, into);
      } catch (BerthException e) {
        throw BerthException.invalid(
            "ADD: cannot unpack " + archive.source().get().getFileName() + ": " + e.getMessage());
      }
      parents.add(entries, destDir.isEmpty() ? "x" : destDir + "/x");
      String prefix = destDir.isEmpty() ? "" : destDir + "/";
      for (TarEntry t : TreeScanner.scan(into)) {
        String n = prefix + t.name();
        String link = t.type() == EntryType.HARDLINK ? prefix + t.linkName() : t.linkName();
        entries.put(
            n,
            new TarEntry(
                n,
                t.type(),
                t.mode(),
                chown.map(Users.Owner::uid).orElse(t.uid()),
                chown.map(Users.Owner::gid).orElse(t.gid()),
                t.mtime(),
                t.size(),
                link,
                t.devMajor(),
                t.devMinor(),
                t.xattrs(),
                t.source()));
      }
    }
  }

  private static String parentOf(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  /** Whether a file is a tar archive, possibly compressed. */
  private static boolean isTar(Path file) {
    try (InputStream in = Compression.decompressedArchive(Files.newInputStream(file))) {
      byte[] header = in.readNBytes(512);
      return header.length == 512
          && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }
}
