package dev.berth.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What containers-registries.conf(5) says, after the main file and its drop-ins are merged: the
 * registries a short name is looked up in, the {@code [[registry]]} tables (location, insecure,
 * blocked, mirrors) and the short-name aliases. Made once, never changed.
 *
 * @param searchRegistries {@code unqualified-search-registries}, in order
 * @param registries the {@code [[registry]]} tables, one per prefix
 * @param aliases short name to fully qualified name, with the file that set it
 * @param shortNameMode how a short name with several search registries is resolved
 * @param files the files read, in the order they were merged
 */
public record RegistriesConf(
    List<String> searchRegistries,
    List<Entry> registries,
    Map<String, Alias> aliases,
    ShortNameMode shortNameMode,
    List<Path> files) {

  public RegistriesConf {
    searchRegistries = List.copyOf(searchRegistries);
    registries = List.copyOf(registries);
    aliases = Map.copyOf(aliases);
    Objects.requireNonNull(shortNameMode, "shortNameMode");
    files = List.copyOf(files);
  }

  /** No configuration: every name is used as written, short names go to Docker Hub. */
  public static RegistriesConf empty() {
    return new RegistriesConf(List.of(), List.of(), Map.of(), ShortNameMode.PERMISSIVE, List.of());
  }

  /** podman's {@code short-name-mode}; berth never prompts, so enforcing can only refuse. */
  public enum ShortNameMode {
    ENFORCING,
    PERMISSIVE,
    DISABLED
  }

  /** Which pulls a mirror serves ({@code pull-from-mirror}). */
  public enum PullFrom {
    ALL,
    DIGEST_ONLY,
    TAG_ONLY
  }

  /** A short-name alias and the file it came from. */
  public record Alias(String target, Path file) {}

  /** One {@code [[registry.mirror]]}. */
  public record Mirror(String location, boolean insecure, PullFrom pullFrom) {}

  /**
   * One {@code [[registry]]} table.
   *
   * @param prefix the names it applies to: {@code host[:port][/path...]} or {@code *.domain}
   * @param location where those names really live; empty only for a wildcard prefix
   * @param file where the table was written, for messages
   */
  public record Entry(
      String prefix,
      String location,
      boolean insecure,
      boolean blocked,
      boolean mirrorByDigestOnly,
      List<Mirror> mirrors,
      Path file) {

    public Entry {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(location, "location");
      mirrors = List.copyOf(mirrors);
    }

    /**
     * How many characters of {@code name} this table's prefix covers, or -1 when it does not apply:
     * the prefix must end where the name does or at {@code /}, {@code :} or {@code @}.
     */
    int match(String name) {
      if (prefix.startsWith("*.")) {
        String domain = prefix.substring(1);
        int i = name.indexOf(domain);
        if (i < 0 || name.substring(0, i).contains("/")) {
          return -1;
        }
        return endsAtSeparator(name, i + domain.length()) ? i + domain.length() : -1;
      }
      return name.startsWith(prefix) && endsAtSeparator(name, prefix.length())
          ? prefix.length()
          : -1;
    }

    private static boolean endsAtSeparator(String name, int end) {
      if (end == name.length()) {
        return true;
      }
      char c = name.charAt(end);
      return c == '/' || c == ':' || c == '@';
    }

    /** {@code name} moved from the prefix to {@code location} (a mirror's, or this table's). */
    String rewrite(String name, String to) {
      int covered = match(name);
      if (to.isEmpty()) {
        return name;
      }
      return to + name.substring(covered);
    }
  }

  /** The table whose prefix is the longest that applies to a full name, as podman chooses. */
  public Optional<Entry> entryFor(String name) {
    Entry best = null;
    int bestLength = -1;
    for (Entry e : registries) {
      if (e.match(name) >= 0 && e.prefix().length() > bestLength) {
        best = e;
        bestLength = e.prefix().length();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The hosts (or {@code *.domain} patterns) marked insecure, for the transport: a table's location
   * (its prefix for a wildcard without one) and each insecure mirror's host.
   */
  public Set<String> insecureHosts() {
    Set<String> out = new TreeSet<>();
    for (Entry e : registries) {
      if (e.insecure()) {
        out.add(host(e.location().isEmpty() ? e.prefix() : e.location()));
      }
      for (Mirror m : e.mirrors()) {
        if (m.insecure()) {
          out.add(host(m.location()));
        }
      }
    }
    return out;
  }

  /** The prefixes of blocked tables, for {@code berth info}. */
  public List<String> blockedPrefixes() {
    return registries.stream().filter(Entry::blocked).map(Entry::prefix).toList();
  }

  /** Each table's mirrors as {@code prefix -> mirror, mirror}, for {@code berth info}. */
  public List<String> mirrorLines() {
    return registries.stream()
        .filter(e -> !e.mirrors().isEmpty())
        .map(
            e ->
                e.prefix()
                    + " -> "
                    + String.join(", ", e.mirrors().stream().map(Mirror::location).toList()))
        .toList();
  }

  static String host(String location) {
    int slash = location.indexOf('/');
    return slash < 0 ? location : location.substring(0, slash);
  }
}
