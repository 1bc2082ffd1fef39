package dev.berth.context;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The patterns of a {@code .dockerignore} file and docker's rules for them: a pattern matches a
 * path or any of its parents, {@code !} lines are exceptions, and the last matching line decides.
 *
 * <p>It tests context-relative, slash-separated paths and says {@code true} for excluded ones. The
 * Dockerfile and the ignore file are matched like any other path: excluding them keeps them out of
 * {@code COPY}, while the build still reads them from disk, as docker documents.
 */
public final class DockerIgnore implements Predicate<String> {

  private static final DockerIgnore NONE = new DockerIgnore(List.of(), Optional.empty());

  private final List<IgnoreRule> rules;
  private final Optional<Path> source;
  private final boolean hasExceptions;

  private DockerIgnore(List<IgnoreRule> rules, Optional<Path> source) {
    this.rules = List.copyOf(rules);
    this.source = source;
    this.hasExceptions = rules.stream().anyMatch(IgnoreRule::exception);
  }

  /** Ignores nothing. */
  public static DockerIgnore none() {
    return NONE;
  }

  /**
   * Loads the ignore file for a build: {@code <Dockerfile>.dockerignore} next to the Dockerfile
   * when it exists, else {@code <contextDir>/.dockerignore}, else nothing is ignored.
   */
  public static DockerIgnore load(Path contextDir, Optional<Path> dockerfile)
      throws IOException, BerthException {
    if (dockerfile.isPresent()) {
      Path df = dockerfile.get();
      Path specific = df.resolveSibling(df.getFileName() + ".dockerignore");
      if (Files.isRegularFile(specific)) {
        return read(specific);
      }
    }
    Path common = contextDir.resolve(".dockerignore");
    return Files.isRegularFile(common) ? read(common) : NONE;
  }

  private static DockerIgnore read(Path file) throws IOException, BerthException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return new DockerIgnore(parseRules(file.toString(), text), Optional.of(file));
  }

  /** Parses ignore-file text; {@code fileName} names the file in diagnostics. */
  public static DockerIgnore parse(String fileName, String text) throws BerthException {
    return new DockerIgnore(parseRules(fileName, text), Optional.empty());
  }

  /**
   * Patterns given one by one, such as those of {@code COPY --exclude}, with the same syntax as
   * ignore-file lines; {@code origin} names them in diagnostics.
   */
  public static DockerIgnore of(String origin, List<String> patterns) throws BerthException {
    List<IgnoreRule> rules = new ArrayList<>();
    for (String p : patterns) {
      parseLine(origin, 0, p).ifPresent(rules::add);
    }
    return new DockerIgnore(rules, Optional.empty());
  }

  private static List<IgnoreRule> parseRules(String fileName, String text) throws BerthException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<IgnoreRule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      // Docker treats only a '#' in the first column as a comment.
      if (lines[i].startsWith("#")) {
        continue;
      }
      parseLine(fileName, i + 1, lines[i]).ifPresent(rules::add);
    }
    return rules;
  }

  private static Optional<IgnoreRule> parseLine(String fileName, int line, String raw)
      throws BerthException {
    String p = raw.strip();
    if (p.isEmpty()) {
      return Optional.empty();
    }
    int column = raw.indexOf(p.charAt(0)) + 1;
    boolean exception = p.startsWith("!");
    if (exception) {
      p = p.substring(1).strip();
      if (p.isEmpty()) {
        throw error(fileName, line, column, "a '!' exception needs a pattern after it");
      }
    }
    p = PathNames.clean(p);
    if (p.length() > 1 && p.startsWith("/")) {
      p = p.substring(1);
    }
    try {
      return Optional.of(new IgnoreRule(p, exception, line, Glob.compile(p, true)));
    } catch (BadPatternException e) {
      throw error(fileName, line, column, "bad pattern '" + p + "': " + e.getMessage());
    }
  }

  private static BerthException error(String file, int line, int column, String message) {
    SourceRange at = line > 0 ? SourceRange.at(file, line, column) : SourceRange.file(file);
    return BerthException.error("bad-ignore-pattern", message, at);
  }

  /** The file the patterns came from, if they came from one. */
  public Optional<Path> source() {
    return source;
  }

  /** The cleaned patterns in order, exceptions with their leading {@code !}. */
  public List<String> patterns() {
    return rules.stream().map(r -> (r.exception() ? "!" : "") + r.pattern()).toList();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** True when the context-relative path is excluded. */
  public boolean matches(String relativePath) {
    String path = PathNames.inRoot(relativePath);
    if (path.isEmpty()) {
      return false;
    }
    boolean excluded = false;
    for (IgnoreRule rule : rules) {
      // Only a rule that would flip the current answer needs to be tried.
      if (rule.exception() != excluded) {
        continue;
      }
      if (rule.matchesOrParent(path)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  @Override
  public boolean test(String relativePath) {
    return matches(relativePath);
  }

  /**
   * Whether some path strictly under the directory could be included even though the directory
   * itself is excluded. When this is false a walk can skip the whole subtree.
   */
  public boolean mayIncludeUnder(String relativeDir) {
    if (!hasExceptions) {
      return false;
    }
    String dir = PathNames.inRoot(relativeDir);
    String prefix = dir.isEmpty() ? "" : dir + "/";
    for (IgnoreRule rule : rules) {
      if (rule.exception() && rule.glob().mayMatchLonger(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "DockerIgnore" + patterns();
  }
}
