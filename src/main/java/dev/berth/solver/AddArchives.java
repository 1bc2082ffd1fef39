package dev.berth.solver;

import dev.berth.diag.BerthException;
import dev.berth.layer.Compression;
import dev.berth.layer.EntryType;
import dev.berth.layer.LayerApplier;
import dev.berth.layer.TarEntry;
import dev.berth.layer.TreeScanner;
import dev.berth.plan.op.CopyOp;
import dev.berth.runtime.Users;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ADD of a local tar (plain, gzip or zstd) unpacks it into the destination directory instead of
 * copying the file, as docker does; the tar is extracted safely first.
 */
final class AddArchives {

  private AddArchives() {}

  /** Replaces every tar among {@code entries} by the entries it holds. */
  static void unpack(
      Map<String, TarEntry> entries,
      CopyOp op,
      Path temp,
      Path destRoot,
      Users.Owner owner,
      long now)
      throws IOException {
    String destDir =
        Path.of(
                op.destination().startsWith("/")
                    ? op.destination()
                    : (op.workdir().isEmpty() ? "/" : op.workdir()) + "/" + op.destination())
            .normalize()
            .toString();
    List<String> archives = new ArrayList<>();
    for (Map.Entry<String, TarEntry> e : entries.entrySet()) {
      TarEntry t = e.getValue();
      if (t.type() == EntryType.FILE && t.source().isPresent() && isTar(t.source().get())) {
        archives.add(e.getKey());
      }
    }
    for (String name : archives) {
      TarEntry archive = entries.remove(name);
      Path into = Files.createTempDirectory(temp, "add-");
      try (InputStream in = Files.newInputStream(archive.source().get())) {
        new LayerApplier().apply(in, into);
      } catch (BerthException e) {
        throw BerthException.invalid(
            "ADD: cannot unpack " + archive.source().get().getFileName() + ": " + e.getMessage());
      }
      TreeEntries.parents(entries, destDir + "/x", destRoot, owner, now);
      String prefix = destDir.equals("/") ? "" : destDir.substring(1) + "/";
      for (TarEntry t : TreeScanner.scan(into)) {
        String n = prefix + t.name();
        String link = t.type() == EntryType.HARDLINK ? prefix + t.linkName() : t.linkName();
        entries.put(
            n,
            new TarEntry(
                n,
                t.type(),
                t.mode(),
                t.uid(),
                t.gid(),
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

  /** Whether a file is a tar archive, possibly compressed. */
  private static boolean isTar(Path file) {
    try (InputStream in = Compression.decompressed(Files.newInputStream(file))) {
      byte[] header = in.readNBytes(512);
      return header.length == 512
          && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }
}
