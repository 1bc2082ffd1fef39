package dev.berth.mount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a berth process has made that must not outlive it (a mount, a temporary bundle directory, a
 * runtime's container state), each written down in the store before it is made and crossed out once
 * it is undone, so a later process can undo what a killed one left: {@link #reap} undoes the
 * entries of every owner that no longer runs, newest first.
 */
public final class Ledger {

  /** How to undo one thing. */
  public sealed interface Undo {
    /** Unmount what is mounted at {@code path}. */
    record Unmount(Path path) implements Undo {}

    /** Delete the directory tree at {@code path}, once nothing is mounted at or below it. */
    record RemoveDir(Path path) implements Undo {}

    /** Run {@code command} (such as {@code crun delete -f ID}); its exit status is not checked. */
    record Command(List<String> command) implements Undo {
      public Command {
        command = List.copyOf(command);
      }
    }
  }

  /** Where a maker writes down what it is about to make. */
  @FunctionalInterface
  public interface Recorder {
    void record(Undo undo) throws IOException;
  }

  /** What one {@link #reap} undid, and for how many dead processes. */
  public record Reaped(List<Long> pids, int unmounted, int removed, int commands) {
    public Reaped {
      pids = List.copyOf(pids);
    }

    public boolean isEmpty() {
      return pids.isEmpty();
    }

    /** One line for the terminal. */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (unmounted > 0) {
        parts.add(unmounted + (unmounted == 1 ? " mount" : " mounts"));
      }
      if (removed > 0) {
        parts.add(removed + (removed == 1 ? " bundle directory" : " bundle directories"));
      }
      if (commands > 0) {
        parts.add(commands + (commands == 1 ? " runtime container" : " runtime containers"));
      }
      String who =
          (pids.size() == 1 ? "process " : "processes ")
              + String.join(", ", pids.stream().map(String::valueOf).toList());
      return "removed what the killed berth "
          + who
          + " left behind: "
          + (parts.isEmpty() ? "nothing in place any more" : String.join(", ", parts));
    }
  }

  /** One recorded thing; closing it crosses it out (call only once it is undone). */
  public final class Entry implements AutoCloseable {
    private final Path file;

    private Entry(Path file) {
      this.file = file;
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".json";
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path dir;
  private ProcessOwner self;

  /** A ledger in {@code dir} (created when first written). */
  public Ledger(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** A ledger whose entries name {@code owner} instead of this process (for tests). */
  Ledger(Path dir, ProcessOwner owner) {
    this(dir);
    this.self = owner;
  }

  /** Writes {@code undo} down, durably, before the caller makes what it undoes. */
  public Entry record(Undo undo) throws IOException {
    ProcessOwner owner = owner();
    ObjectNode n = JSON.createObjectNode();
    n.put("pid", owner.pid());
    n.put("start", owner.startTicks());
    n.put("pidns", owner.pidNamespace());
    if (undo instanceof Undo.Unmount u) {
      n.put("unmount", u.path().toString());
    } else if (undo instanceof Undo.RemoveDir r) {
      n.put("removeDir", r.path().toString());
    } else if (undo instanceof Undo.Command c) {
      var argv = n.putArray("command");
      c.command().forEach(argv::add);
    }
    Files.createDirectories(dir);
    // Sequence numbers order one owner's entries: they are undone newest first.
    String name = owner.key() + "-" + String.format("%012d", SEQUENCE.incrementAndGet()) + SUFFIX;
    Path file = dir.resolve(name);
    Path tmp = dir.resolve("." + name + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(n)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    return new Entry(file);
  }

  /**
   * Undoes the entries of owners that are gone (newest first) and crosses them out. An entry that
   * cannot be undone yet (its directory still holds a mount) stays for a later try. Entries whose
   * owner lives in another PID namespace are left alone: whether it runs cannot be told from here.
   */
  public Reaped reap() throws IOException {
    if (!Files.isDirectory(dir)) {
      return new Reaped(List.of(), 0, 0, 0);
    }
    try (FileChannel lockChannel =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var held = lockChannel.lock()) {
      return reapLocked();
    }
  }

  private Reaped reapLocked() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      entries.forEach(files::add);
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    TreeSet<Long> pids = new TreeSet<>();
    int unmounted = 0;
    int removed = 0;
    int commands = 0;
    for (Path file : files) {
      Optional<JsonNode> read = readEntry(file);
      if (read.isEmpty()) {
        continue;
      }
      JsonNode n = read.get();
      ProcessOwner owner =
          new ProcessOwner(
              n.path("pid").asLong(), n.path("start").asLong(), n.path("pidns").asText(""));
      if (owner.alive().orElse(true)) {
        continue;
      }
      pids.add(owner.pid());
      if (n.has("unmount")) {
        Path at = Path.of(n.get("unmount").asText());
        if (mountPoints(at).contains(at.toString())) {
          try {
            Mounter.unmount(at);
            unmounted++;
          } catch (IOException stillBusy) {
            continue;
          }
        }
      } else if (n.has("removeDir")) {
        Path tree = Path.of(n.get("removeDir").asText());
        // Never delete through a mount: that would empty the image's snapshot below it.
        if (!mountPoints(tree).isEmpty()) {
          continue;
        }
        if (Files.exists(tree)) {
          deleteTree(tree);
          removed++;
        }
      } else if (n.has("command")) {
        List<String> argv = new ArrayList<>();
        n.get("command").forEach(a -> argv.add(a.asText()));
        if (!argv.isEmpty() && run(argv)) {
          commands++;
        }
      }
      Files.deleteIfExists(file);
    }
    return new Reaped(List.copyOf(pids), unmounted, removed, commands);
  }

  /** The entries still recorded, as files, for tests and diagnostics. */
  public List<Path> entries() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      entries.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private synchronized ProcessOwner owner() throws IOException {
    if (self == null) {
      self = ProcessOwner.self();
    }
    return self;
  }

  private static Optional<JsonNode> readEntry(Path file) throws IOException {
    try {
      return Optional.of(JSON.readTree(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException corrupt) {
      // Entries are renamed into place complete; an unreadable one holds nothing to undo.
      Files.deleteIfExists(file);
      return Optional.empty();
    }
  }

  /** The mount points at or below {@code root} in this mount namespace. */
  static List<String> mountPoints(Path root) throws IOException {
    Path mountinfo = Path.of("/proc/self/mountinfo");
    List<String> out = new ArrayList<>();
    if (!Files.isReadable(mountinfo)) {
      return out;
    }
    String r = root.toAbsolutePath().normalize().toString();
    for (String line : Files.readAllLines(mountinfo)) {
      String[] f = line.split(" ");
      if (f.length > 4) {
        String point = f[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
        if (point.equals(r) || point.startsWith(r + "/")) {
          out.add(point);
        }
      }
    }
    return out;
  }

  private static boolean run(List<String> argv) throws IOException {
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + argv.get(0), e);
    }
    return p.exitValue() == 0;
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
