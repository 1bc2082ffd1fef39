package dev.berth.context;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Git build contexts: one commit of a repository, checked out with the {@code git} command (as
 * BuildKit's git source does: fetch only that ref, shallow where it can, submodules too) and kept
 * in a cache directory named by the commit ID, without {@code .git}, so the next build of the same
 * commit clones nothing.
 */
public final class GitCheckouts {

  private static final Pattern FULL_COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern SHORT_COMMIT = Pattern.compile("[0-9a-f]{7,63}");

  /** A checked-out commit: its ID and its tree, which the caller must not change. */
  public record Checkout(String commit, Path tree, boolean cached) {}

  private final Path cacheRoom;
  private final Path tmp;
  private final Consumer<String> log;
  private final String git;

  /**
   * @param cacheRoom where checkouts are kept, one directory {@code git-<commit>} each
   * @param tmp where a clone is made before it is moved into the cache room (the same file system)
   * @param log one line for each thing worth telling (cloning, or using the cached checkout)
   */
  public GitCheckouts(Path cacheRoom, Path tmp, Consumer<String> log) {
    this(cacheRoom, tmp, log, "git");
  }

  GitCheckouts(Path cacheRoom, Path tmp, Consumer<String> log, String git) {
    this.cacheRoom = cacheRoom;
    this.tmp = tmp;
    this.log = log;
    this.git = git;
  }

  /**
   * The tree of {@code ref} (a branch, tag, full ref name or commit; HEAD when empty) of the
   * repository at {@code remote}.
   *
   * @throws BerthException not found (exit 2) for a ref the repository lacks or a repository that
   *     does not exist, unavailable (exit 1) when the remote cannot be reached
   */
  public Checkout checkout(String remote, Optional<String> ref)
      throws IOException, InterruptedException {
    Optional<String> known =
        ref.filter(r -> FULL_COMMIT.matcher(r).matches()).map(r -> r.toLowerCase(Locale.ROOT));
    if (known.isPresent()) {
      Optional<Path> hit = cached(known.get());
      if (hit.isPresent()) {
        return new Checkout(known.get(), hit.get(), true);
      }
    }
    String fetch;
    Optional<String> commit;
    if (known.isPresent()) {
      fetch = known.get();
      commit = known;
    } else {
      Optional<Map.Entry<String, String>> resolved = resolve(remote, ref);
      if (resolved.isPresent()) {
        fetch = resolved.get().getKey();
        commit = Optional.of(resolved.get().getValue());
        Optional<Path> hit = cached(commit.get());
        if (hit.isPresent()) {
          return new Checkout(commit.get(), hit.get(), true);
        }
      } else if (ref.isPresent() && SHORT_COMMIT.matcher(ref.get()).matches()) {
        // A short commit ID: no ref names it, so only a full clone can tell which commit it is.
        fetch = ref.get();
        commit = Optional.empty();
      } else {
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            "git-ref-not-found",
            "git context "
                + remote
                + ": no branch, tag or ref named '"
                + ref.orElse("HEAD")
                + "' in the repository");
      }
    }
    return clone(remote, fetch, commit);
  }

  /** The cached tree of {@code commit}, marked as used now so pruning by age keeps it. */
  private Optional<Path> cached(String commit) throws IOException {
    Path dir = cacheRoom.resolve("git-" + commit);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
    log.accept("git: using the cached checkout of " + commit);
    return Optional.of(dir);
  }

  /**
   * The full ref name and commit that {@code ref} names on the remote, by git's order of lookup
   * (the name itself if it starts with {@code refs/}, then a tag, then a branch); an annotated tag
   * counts as the commit it points to.
   */
  private Optional<Map.Entry<String, String>> resolve(String remote, Optional<String> ref)
      throws IOException, InterruptedException {
    String out =
        run(null, List.of("ls-remote", "--", remote), "list the refs of " + remote).stdout();
    Map<String, String> refs = new TreeMap<>();
    for (String line : out.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        refs.put(line.substring(tab + 1).trim(), line.substring(0, tab).trim());
      }
    }
    List<String> candidates = new ArrayList<>();
    if (ref.isEmpty()) {
      candidates.add("HEAD");
    } else {
      String r = ref.get();
      candidates.add(r);
      if (!r.startsWith("refs/")) {
        candidates.add("refs/" + r);
        candidates.add("refs/tags/" + r);
        candidates.add("refs/heads/" + r);
      }
    }
    for (String name : candidates) {
      String sha = refs.get(name);
      if (sha != null) {
        String peeled = refs.get(name + "^{}");
        return Optional.of(Map.entry(name, peeled != null ? peeled : sha));
      }
    }
    return Optional.empty();
  }

  private Checkout clone(String remote, String fetch, Optional<String> commit)
      throws IOException, InterruptedException {
    log.accept(
        "git: cloning " + remote + " at " + fetch + commit.map(c -> " (" + c + ")").orElse(""));
    Files.createDirectories(tmp);
    Path work = Files.createTempDirectory(tmp, "git-");
    try {
      run(work, List.of("init", "-q"), "set up a clone of " + remote);
      run(work, List.of("remote", "add", "origin", remote), "set up a clone of " + remote);
      boolean shallow = true;
      try {
        run(
            work,
            List.of("fetch", "-q", "--depth", "1", "--no-tags", "origin", fetch),
            "fetch " + fetch + " from " + remote);
      } catch (BerthException e) {
        if (!SHORT_COMMIT.matcher(fetch).matches() || e.kind() == ErrorKind.UNAVAILABLE) {
          throw e;
        }
        // Servers hand out a commit by ID only when it is a ref's tip (or they allow any): fetch
        // every branch and tag, then look for it.
        shallow = false;
        run(
            work,
            List.of(
                "fetch",
                "-q",
                "origin",
                "+refs/heads/*:refs/remotes/origin/*",
                "+refs/tags/*:refs/tags/*"),
            "fetch " + remote);
      }
      String target = shallow ? "FETCH_HEAD" : fetch;
      GitRun resolved = tryRun(work, List.of("rev-parse", "--verify", "-q", target + "^{commit}"));
      if (resolved.code() != 0) {
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            "git-ref-not-found",
            "git context " + remote + ": no commit '" + fetch + "' in the repository");
      }
      String head = resolved.stdout().trim();
      run(
          work,
          List.of("-c", "advice.detachedHead=false", "checkout", "-q", "--detach", head),
          "check out " + head);
      if (Files.exists(work.resolve(".gitmodules"))) {
        // As BuildKit: submodules too, shallow where the server allows it.
        GitRun sub =
            tryRun(
                work,
                List.of("submodule", "update", "-q", "--init", "--recursive", "--depth", "1"));
        if (sub.code() != 0) {
          run(
              work,
              List.of("submodule", "update", "-q", "--init", "--recursive"),
              "check out the submodules of " + remote);
        }
      }
      removeGitDirs(work);
      Path dest = cacheRoom.resolve("git-" + head);
      Files.createDirectories(cacheRoom);
      try {
        Files.move(work, dest, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
        // Another build put the same commit there first: theirs is as good.
        deleteTree(work);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "the cache room " + cacheRoom + " is not on the file system of " + tmp, e);
      }
      return new Checkout(head, dest, false);
    } finally {
      if (Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(work);
      }
    }
  }

  /** {@code .git} of the clone and of each submodule: no part of the context. */
  private static void removeGitDirs(Path work) throws IOException {
    List<Path> found;
    try (Stream<Path> all = Files.walk(work)) {
      found = all.filter(p -> p.getFileName().toString().equals(".git")).toList();
    }
    for (Path p : found) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(p);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private record GitRun(int code, String stdout, String stderr) {}

  private GitRun run(Path dir, List<String> args, String action)
      throws IOException, InterruptedException {
    GitRun r = tryRun(dir, args);
    if (r.code() != 0) {
      String why = lastLine(r.stderr());
      throw new BerthException(
          kindOf(r.stderr()), "git-failed", "git context: cannot " + action + ": " + why);
    }
    return r;
  }

  private GitRun tryRun(Path dir, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(git);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Map<String, String> env = pb.environment();
    // Never wait for a password nobody will type, and keep git's messages in English, which
    // kindOf reads.
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    env.put("LC_ALL", "C");
    env.remove("GIT_DIR");
    env.remove("GIT_WORK_TREE");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path err = Files.createTempFile(tmpOrSystem(), "git-err-", ".txt");
    try {
      pb.redirectError(err.toFile());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new BerthException(
            ErrorKind.FAILED_PRECONDITION,
            "git-missing",
            "git contexts need the git command, which cannot be run: "
                + e.getMessage()
                + " (install git: apt-get install git)");
      }
      try {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new GitRun(code, out, Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        if (p.isAlive()) {
          p.destroy();
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        }
      }
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private Path tmpOrSystem() throws IOException {
    Files.createDirectories(tmp);
    return tmp;
  }

  private static String lastLine(String stderr) {
    String[] lines = stderr.strip().split("\n");
    String line = lines.length == 0 ? "" : lines[lines.length - 1].strip();
    for (String l : lines) {
      // The line that says why is the first "fatal:" one; later lines are advice.
      if (l.startsWith("fatal:")) {
        line = l.strip();
        break;
      }
    }
    return line.isEmpty() ? "git failed with no message" : line;
  }

  /**
   * Whether git's complaint is about the network (try again later: exit 1) or about what was asked
   * for (a repository or ref that does not exist: exit 2).
   */
  static ErrorKind kindOf(String stderr) {
    String s = stderr.toLowerCase(Locale.ROOT);
    // What was asked for does not exist (checked first: a refusal can end in a hang-up too).
    for (String missing :
        List.of(
            "does not appear to be a git repository",
            "repository not found",
            "not found",
            "not exported",
            "couldn't find remote ref",
            "no such file or directory",
            "not a git repository",
            "invalid refspec",
            "returned error: 404",
            "unable to find remote helper",
            "unsupported protocol")) {
      if (s.contains(missing)) {
        return ErrorKind.NOT_FOUND;
      }
    }
    for (String network :
        List.of(
            "could not resolve host",
            "connection refused",
            "timed out",
            "network is unreachable",
            "no route to host",
            "unable to connect",
            "connection reset",
            "the remote end hung up unexpectedly",
            "early eof",
            "temporary failure in name resolution",
            "could not read from remote repository")) {
      if (s.contains(network)) {
        return ErrorKind.UNAVAILABLE;
      }
    }
    return ErrorKind.FAILED;
  }
}
