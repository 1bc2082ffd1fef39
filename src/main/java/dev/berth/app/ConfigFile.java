package dev.berth.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * berth's config file, {@code $XDG_CONFIG_HOME/berth/config.toml} (by default {@code
 * ~/.config/berth/config.toml}): each key optional, checked for its type and its values when read,
 * so a mistake is one error naming the file and line, never a default taken silently.
 *
 * <pre>
 * root = "/srv/berth"     # the store
 * runtime = "crun"        # auto (crun, else runc, else chroot), crun, runc or chroot
 * network = "berth"       # the network of run and create: a berth network, host or none
 * parallelism = 4         # stages built at once (default: the number of CPUs)
 * progress = "plain"      # auto, plain, tty, quiet or rawjson
 * </pre>
 *
 * @param file where it was looked for
 * @param found whether there was a file there
 */
public record ConfigFile(
    Path file,
    boolean found,
    Optional<Path> root,
    Optional<String> runtime,
    Optional<String> network,
    Optional<Integer> parallelism,
    Optional<String> progress) {

  public static final List<String> RUNTIMES = List.of("auto", "crun", "runc", "chroot");
  public static final List<String> PROGRESS = List.of("auto", "plain", "tty", "quiet", "rawjson");
  private static final Set<String> KEYS =
      Set.of("root", "runtime", "network", "parallelism", "progress");
  private static final TomlMapper TOML = new TomlMapper();

  /** Where the file is for {@code env}: {@code $XDG_CONFIG_HOME} if absolute, else ~/.config. */
  public static Optional<Path> location(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Optional.of(Path.of(xdg, "berth", "config.toml"));
    }
    String home = env.get("HOME");
    if (home != null && !home.isEmpty()) {
      return Optional.of(Path.of(home, ".config", "berth", "config.toml"));
    }
    return Optional.empty();
  }

  /** The file for {@code env}, or an empty one (no keys) where there is none. */
  public static ConfigFile load(Map<String, String> env) throws BerthException {
    Optional<Path> file = location(env);
    if (file.isEmpty()) {
      return empty(Path.of("~/.config/berth/config.toml"));
    }
    String text;
    try {
      text = Files.readString(file.get(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return empty(file.get());
    } catch (IOException e) {
      throw BerthException.invalid("cannot read " + file.get() + ": " + e.getMessage(), e);
    }
    return parse(file.get(), text);
  }

  static ConfigFile empty(Path file) {
    return new ConfigFile(
        file,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The file's {@code text}, read as {@code file}. */
  static ConfigFile parse(Path file, String text) throws BerthException {
    JsonNode tree;
    try {
      tree = TOML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      SourceRange range =
          at != null && at.getLineNr() > 0
              ? SourceRange.at(file.toString(), at.getLineNr(), Math.max(1, at.getColumnNr()))
              : SourceRange.file(file.toString());
      throw BerthException.error("bad-config", "not valid TOML: " + e.getOriginalMessage(), range);
    }
    Reader r = new Reader(file, text);
    if (tree == null) {
      return new ConfigFile(
          file,
          true,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw r.error(
            key,
            "unknown key '"
                + key
                + "' (berth's config has root, runtime, network, parallelism and progress)");
      }
    }
    Optional<Path> root = r.string(tree, "root").map(Path::of);
    if (root.isPresent() && !root.get().isAbsolute()) {
      throw r.error("root", "root must be an absolute path, not '" + root.get() + "'");
    }
    Optional<String> runtime = r.oneOf(tree, "runtime", RUNTIMES);
    Optional<String> network = r.string(tree, "network");
    if (network.isPresent() && network.get().isEmpty()) {
      throw r.error("network", "network cannot be empty");
    }
    Optional<Integer> parallelism = Optional.empty();
    JsonNode p = tree.get("parallelism");
    if (p != null) {
      if (!p.isIntegralNumber() || p.asLong() < 1 || p.asLong() > 1024) {
        throw r.error("parallelism", "parallelism must be a whole number from 1 to 1024, not " + p);
      }
      parallelism = Optional.of(p.asInt());
    }
    Optional<String> progress = r.oneOf(tree, "progress", PROGRESS);
    return new ConfigFile(file, true, root, runtime, network, parallelism, progress);
  }

  /** Typed reads of the keys, with errors at the line that sets the key. */
  private record Reader(Path file, String text) {

    Optional<String> string(JsonNode tree, String key) throws BerthException {
      JsonNode v = tree.get(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isTextual()) {
        throw error(key, key + " must be a string, not " + v);
      }
      return Optional.of(v.asText());
    }

    Optional<String> oneOf(JsonNode tree, String key, List<String> values) throws BerthException {
      Optional<String> v = string(tree, key);
      if (v.isPresent() && !values.contains(v.get())) {
        throw error(
            key, key + " must be one of " + String.join(", ", values) + ", not '" + v.get() + "'");
      }
      return v;
    }

    /** The error located at the line that sets {@code key} ({@code key =} or {@code [key]}). */
    BerthException error(String key, String message) {
      Pattern p =
          Pattern.compile(
              "^\\s*(\\[\\s*)?("
                  + Pattern.quote(key)
                  + "|\""
                  + Pattern.quote(key)
                  + "\")\\s*[=\\].]");
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (p.matcher(lines[i]).find()) {
          return BerthException.error(
              "bad-config", message, SourceRange.at(file.toString(), i + 1, 1));
        }
      }
      return BerthException.error("bad-config", message, SourceRange.file(file.toString()));
    }
  }
}
