package dev.berth.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.image.ImageReference;
import dev.berth.registry.RegistriesConf.Alias;
import dev.berth.registry.RegistriesConf.Entry;
import dev.berth.registry.RegistriesConf.Mirror;
import dev.berth.registry.RegistriesConf.PullFrom;
import dev.berth.registry.RegistriesConf.ShortNameMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds and reads registries.conf the way podman and buildah do (containers-registries.conf(5) and
 * containers-registries.conf.d(5)): the file named by {@code $CONTAINERS_REGISTRIES_CONF}, else the
 * user's {@code $XDG_CONFIG_HOME/containers/registries.conf} (which replaces the system one), else
 * {@code /etc/containers/registries.conf}; then the {@code *.conf} drop-ins of {@code
 * registries.conf.d} (the system's, then the user's; only the user's when the user's file is used),
 * in name order, each overriding what came before: a table by its prefix, the search list whole, an
 * alias by its name (an empty value erases it).
 */
public final class RegistriesConfFiles {

  /** The variable podman honours for the main file. */
  public static final String ENV = "CONTAINERS_REGISTRIES_CONF";

  private static final TomlMapper TOML = new TomlMapper();

  private final Path mainFile;
  private final List<Path> dropInDirs;

  RegistriesConfFiles(Path mainFile, List<Path> dropInDirs) {
    this.mainFile = mainFile;
    this.dropInDirs = List.copyOf(dropInDirs);
  }

  /** The files podman would read in this environment, below {@code systemDir} ({@code /etc}). */
  static RegistriesConfFiles forEnvironment(Map<String, String> env, Path systemDir) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path userDir =
        (xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config"))
            .resolve("containers");
    Path userFile = userDir.resolve("registries.conf");
    Path userDropIns = userDir.resolve("registries.conf.d");
    Path systemFile = systemDir.resolve("containers/registries.conf");
    Path systemDropIns = systemDir.resolve("containers/registries.conf.d");
    String named = env.get(ENV);
    if (named != null && !named.isBlank()) {
      return new RegistriesConfFiles(Path.of(named), List.of(systemDropIns, userDropIns));
    }
    if (Files.exists(userFile)) {
      return new RegistriesConfFiles(userFile, List.of(userDropIns));
    }
    return new RegistriesConfFiles(systemFile, List.of(systemDropIns, userDropIns));
  }

  /** The configuration of this process's environment. */
  public static RegistriesConf load(Map<String, String> env) throws BerthException {
    return forEnvironment(env, Path.of("/etc")).read();
  }

  /** The main file that is (or would be) read. */
  Path mainFile() {
    return mainFile;
  }

  /** Reads and merges the files; a missing file is no configuration. */
  RegistriesConf read() throws BerthException {
    Merged merged = new Merged();
    merged.add(mainFile);
    for (Path dir : dropInDirs) {
      List<Path> confs;
      try (Stream<Path> s = Files.list(dir)) {
        confs = s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        throw BerthException.invalid("cannot read " + dir + ": " + e.getMessage(), e);
      }
      for (Path f : confs) {
        if (Files.isRegularFile(f)) {
          merged.add(f);
        }
      }
    }
    return merged.result();
  }

  /** The files merged so far. */
  private static final class Merged {
    private List<String> search = List.of();
    private final Map<String, Entry> registries = new TreeMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private ShortNameMode mode = ShortNameMode.PERMISSIVE;
    private final List<Path> files = new ArrayList<>();

    void add(Path file) throws BerthException {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return;
      } catch (IOException e) {
        throw BerthException.invalid("cannot read " + file + ": " + e.getMessage(), e);
      }
      files.add(file);
      new OneFile(file, text).mergeInto(this);
    }

    RegistriesConf result() {
      return new RegistriesConf(search, new ArrayList<>(registries.values()), aliases, mode, files);
    }
  }

  /** One file's text, read into the merge. */
  private record OneFile(Path file, String text) {

    void mergeInto(Merged m) throws BerthException {
      JsonNode root;
      try {
        root = TOML.readTree(text);
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        SourceRange range =
            at != null && at.getLineNr() > 0
                ? SourceRange.at(file.toString(), at.getLineNr(), Math.max(1, at.getColumnNr()))
                : SourceRange.file(file.toString());
        throw BerthException.error(
            "bad-registries-conf", "not valid TOML: " + e.getOriginalMessage(), range);
      }
      if (root == null || !root.isObject()) {
        return;
      }
      boolean v1 = root.has("registries");
      boolean v2 =
          root.has("registry")
              || root.has("unqualified-search-registries")
              || root.has("aliases")
              || root.has("short-name-mode");
      if (v1 && v2) {
        throw error(
            1, "mixes the version 1 format ([registries.search]) with version 2 ([[registry]])");
      }
      if (v1) {
        readV1(root.get("registries"), m);
        return;
      }
      if (root.has("unqualified-search-registries")) {
        List<String> search = new ArrayList<>();
        for (String s :
            strings(root.get("unqualified-search-registries"), "unqualified-search-registries")) {
          search.add(
              location(
                  s, "unqualified-search-registries", keyLine("unqualified-search-registries")));
        }
        m.search = List.copyOf(search);
      }
      if (root.has("short-name-mode")) {
        String mode = text(root.get("short-name-mode"), "short-name-mode");
        m.mode =
            switch (mode) {
              case "", "permissive" -> ShortNameMode.PERMISSIVE;
              case "enforcing" -> ShortNameMode.ENFORCING;
              case "disabled" -> ShortNameMode.DISABLED;
              default ->
                  throw error(
                      keyLine("short-name-mode"),
                      "short-name-mode '"
                          + mode
                          + "' is not one of enforcing, permissive, disabled");
            };
      }
      JsonNode regs = root.get("registry");
      if (regs != null) {
        if (!regs.isArray()) {
          throw error(keyLine("registry"), "registry must be an array of tables: [[registry]]");
        }
        int i = 0;
        for (JsonNode r : regs) {
          Entry e = entry(r, i++);
          m.registries.put(e.prefix(), e);
        }
      }
      JsonNode aliases = root.get("aliases");
      if (aliases != null) {
        if (!aliases.isObject()) {
          throw error(keyLine("aliases"), "aliases must be a table: [aliases]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = aliases.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> a = it.next();
          alias(a.getKey(), text(a.getValue(), "aliases." + a.getKey()), m);
        }
      }
    }

    private void readV1(JsonNode registries, Merged m) throws BerthException {
      List<String> search =
          strings(registries.path("search").path("registries"), "registries.search.registries");
      if (!search.isEmpty()) {
        m.search = List.copyOf(search);
      }
      for (String host :
          strings(
              registries.path("insecure").path("registries"), "registries.insecure.registries")) {
        Entry old = m.registries.get(host);
        m.registries.put(
            host,
            new Entry(host, host, true, old != null && old.blocked(), false, List.of(), file));
      }
      for (String host :
          strings(registries.path("block").path("registries"), "registries.block.registries")) {
        Entry old = m.registries.get(host);
        m.registries.put(
            host,
            new Entry(host, host, old != null && old.insecure(), true, false, List.of(), file));
      }
    }

    private Entry entry(JsonNode r, int index) throws BerthException {
      int line = tableLine("[[registry]]", index);
      String where = "[[registry]] #" + (index + 1);
      if (!r.isObject()) {
        throw error(line, where + " is not a table");
      }
      String location =
          r.has("location")
              ? location(text(r.get("location"), where + ".location"), where, line)
              : "";
      String prefix =
          r.has("prefix")
              ? prefix(text(r.get("prefix"), where + ".prefix"), where, line)
              : location;
      if (prefix.isEmpty()) {
        throw error(line, where + " needs a location (or a prefix)");
      }
      if (location.isEmpty() && !prefix.startsWith("*.")) {
        throw error(line, where + " (prefix " + prefix + "): the location cannot be empty");
      }
      boolean byDigest =
          bool(r.get("mirror-by-digest-only"), where + ".mirror-by-digest-only", line);
      List<Mirror> mirrors = new ArrayList<>();
      JsonNode ms = r.get("mirror");
      if (ms != null) {
        if (!ms.isArray()) {
          throw error(line, where + ".mirror must be an array of tables: [[registry.mirror]]");
        }
        int j = 0;
        for (JsonNode mn : ms) {
          String mwhere = where + " mirror #" + (++j);
          if (!mn.isObject() || !mn.has("location")) {
            throw error(line, mwhere + " needs a location");
          }
          String mloc = location(text(mn.get("location"), mwhere + ".location"), mwhere, line);
          if (mloc.isEmpty()) {
            throw error(line, mwhere + ": the location cannot be empty");
          }
          String pull =
              mn.has("pull-from-mirror")
                  ? text(mn.get("pull-from-mirror"), mwhere + ".pull-from-mirror")
                  : "";
          if (!pull.isEmpty() && byDigest) {
            throw error(
                line,
                mwhere
                    + ": pull-from-mirror cannot be set when the registry has"
                    + " mirror-by-digest-only");
          }
          PullFrom from =
              switch (pull) {
                case "", "all" -> PullFrom.ALL;
                case "digest-only" -> PullFrom.DIGEST_ONLY;
                case "tag-only" -> PullFrom.TAG_ONLY;
                default ->
                    throw error(
                        line,
                        mwhere
                            + ": pull-from-mirror '"
                            + pull
                            + "' is not one of all, digest-only, tag-only");
              };
          mirrors.add(new Mirror(mloc, bool(mn.get("insecure"), mwhere + ".insecure", line), from));
        }
      }
      return new Entry(
          prefix,
          location,
          bool(r.get("insecure"), where + ".insecure", line),
          bool(r.get("blocked"), where + ".blocked", line),
          byDigest,
          mirrors,
          file);
    }

    private void alias(String name, String value, Merged m) throws BerthException {
      int line = keyLine(name.contains(".") || name.contains("/") ? "\"" + name + "\"" : name);
      if (ImageReference.namesRegistry(name) || name.startsWith("localhost/")) {
        throw error(line, "alias '" + name + "' must be a short name, without a registry");
      }
      if (hasTagOrDigest(name)) {
        throw error(line, "alias '" + name + "' must not have a tag or digest");
      }
      if (value.isEmpty()) {
        m.aliases.remove(name);
        return;
      }
      if (!ImageReference.namesRegistry(value) || hasTagOrDigest(value)) {
        throw error(
            line,
            "alias '"
                + name
                + "': '"
                + value
                + "' must be a fully qualified name (registry/repository) without tag or digest");
      }
      try {
        ImageReference.parse(value);
      } catch (IllegalArgumentException e) {
        throw error(line, "alias '" + name + "': " + e.getMessage());
      }
      m.aliases.put(name, new Alias(value, file));
    }

    private static boolean hasTagOrDigest(String name) {
      return name.contains("@") || name.lastIndexOf(':') > name.lastIndexOf('/');
    }

    private String location(String value, String where, int line) throws BerthException {
      String v = value.trim();
      if (v.startsWith("http://") || v.startsWith("https://")) {
        throw error(line, where + ": '" + value + "': URI schemes are not supported");
      }
      while (v.endsWith("/")) {
        v = v.substring(0, v.length() - 1);
      }
      return v;
    }

    private String prefix(String value, String where, int line) throws BerthException {
      String v = location(value, where, line);
      if (v.startsWith("*.") && v.contains("/")) {
        throw error(line, where + ": wildcard prefix '" + value + "' cannot have a path");
      }
      if (v.indexOf('*') > 0) {
        throw error(
            line, where + ": prefix '" + value + "': '*' may only start it, as in *.example.com");
      }
      return v;
    }

    private boolean bool(JsonNode n, String key, int line) throws BerthException {
      if (n == null || n.isNull()) {
        return false;
      }
      if (!n.isBoolean()) {
        throw error(line, key + " must be true or false");
      }
      return n.booleanValue();
    }

    private String text(JsonNode n, String key) throws BerthException {
      if (!n.isTextual()) {
        throw error(keyLine(key.substring(key.lastIndexOf('.') + 1)), key + " must be a string");
      }
      return n.asText();
    }

    private List<String> strings(JsonNode n, String key) throws BerthException {
      if (n == null || n.isMissingNode() || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        throw error(
            keyLine(key.substring(key.lastIndexOf('.') + 1)), key + " must be an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        out.add(text(e, key));
      }
      return out;
    }

    private BerthException error(int line, String message) {
      return BerthException.error(
          "bad-registries-conf",
          message,
          line > 0 ? SourceRange.at(file.toString(), line, 1) : SourceRange.file(file.toString()));
    }

    /** The line of the first {@code key =} (1-based), or 0; only to place a message. */
    private int keyLine(String key) {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.startsWith(key) && l.substring(key.length()).stripLeading().startsWith("=")) {
          return i + 1;
        }
      }
      return 0;
    }

    /** The line of the {@code index}-th (0-based) table header {@code header}, or 0. */
    private int tableLine(String header, int index) {
      String[] lines = text.split("\n", -1);
      int seen = 0;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].strip().replace(" ", "").toLowerCase(Locale.ROOT).startsWith(header)) {
          if (seen++ == index) {
            return i + 1;
          }
        }
      }
      return 0;
    }
  }
}
