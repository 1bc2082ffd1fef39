package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.ImageReference;
import dev.berth.registry.RegistriesConf.Entry;
import dev.berth.registry.RegistriesConf.Mirror;
import dev.berth.registry.RegistriesConf.ShortNameMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a pull looks, as registries.conf says and podman does: a short name becomes its alias, or
 * one candidate per unqualified-search registry, tried in order (with none, Docker Hub, as docker
 * does); each candidate is read from its table's mirrors in order and then from its location. A
 * blocked table refuses.
 */
public final class PullSources {

  /** The code of the error for a name whose registry is blocked. */
  public static final String BLOCKED = "BLOCKED";

  private final RegistriesConf conf;

  public PullSources(RegistriesConf conf) {
    this.conf = conf;
  }

  /**
   * The names a typed image name may mean, in the order to try them.
   *
   * @param note what resolved a short name, to show the user (podman's words), if anything did
   */
  public record Candidates(List<ImageReference> names, Optional<String> note) {
    public Candidates {
      names = List.copyOf(names);
    }
  }

  /** One place to read a name from: a mirror's or the location's reference. */
  public record Endpoint(ImageReference reference, boolean mirror) {}

  /**
   * The candidates for what a user typed.
   *
   * @throws BerthException INVALID_INPUT for a malformed name, or when {@code short-name-mode =
   *     "enforcing"} meets several search registries (berth cannot prompt)
   */
  public Candidates candidates(String typed) throws BerthException {
    if (ImageReference.namesRegistry(typed)) {
      return new Candidates(List.of(parse(typed)), Optional.empty());
    }
    String name = typed;
    String suffix = "";
    int at = name.indexOf('@');
    if (at >= 0) {
      suffix = name.substring(at);
      name = name.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      suffix = name.substring(colon) + suffix;
      name = name.substring(0, colon);
    }
    RegistriesConf.Alias alias = conf.aliases().get(name);
    if (alias != null) {
      return new Candidates(
          List.of(parse(alias.target() + suffix)),
          Optional.of("Resolved \"" + name + "\" as an alias (" + alias.file() + ")"));
    }
    List<String> search = conf.searchRegistries();
    if (search.isEmpty()) {
      return new Candidates(List.of(parse(typed)), Optional.empty());
    }
    if (search.size() > 1 && conf.shortNameMode() == ShortNameMode.ENFORCING) {
      throw BerthException.invalid(
          "short-name resolution enforced but cannot prompt without a TTY: name "
              + typed
              + " fully (one of "
              + String.join(", ", search)
              + "), or add an alias for "
              + name
              + " to registries.conf");
    }
    List<ImageReference> names = new ArrayList<>();
    for (String registry : search) {
      names.add(parse(registry + "/" + name + suffix));
    }
    return new Candidates(
        names,
        Optional.of(
            "Resolving \""
                + name
                + "\" using unqualified-search registries ("
                + String.join(", ", conf.files().stream().map(Object::toString).toList())
                + ")"));
  }

  /**
   * Where to read a (fully qualified) name from: the mirrors that serve it, in order, then the
   * location.
   *
   * @throws BerthException FAILED_PRECONDITION, code {@link #BLOCKED}, when its table is blocked
   */
  public List<Endpoint> endpoints(ImageReference name) throws BerthException {
    String full = name.toString();
    Optional<Entry> found = conf.entryFor(full);
    if (found.isEmpty()) {
      return List.of(new Endpoint(name, false));
    }
    Entry e = found.get();
    refuseBlocked(name, e);
    boolean digested = name.digest().isPresent();
    List<Endpoint> out = new ArrayList<>();
    for (Mirror m : e.mirrors()) {
      boolean serves =
          e.mirrorByDigestOnly()
              ? digested
              : switch (m.pullFrom()) {
                case ALL -> true;
                case DIGEST_ONLY -> digested;
                case TAG_ONLY -> !digested;
              };
      if (serves) {
        out.add(new Endpoint(parse(e.rewrite(full, m.location())), true));
      }
    }
    out.add(new Endpoint(parse(e.rewrite(full, e.location())), false));
    return out;
  }

  /**
   * Refuses a push (or any use) of a name whose table is blocked; a push goes to the name as
   * written, never to a mirror, as podman's does.
   */
  public void checkNotBlocked(ImageReference name) throws BerthException {
    Optional<Entry> e = conf.entryFor(name.toString());
    if (e.isPresent()) {
      refuseBlocked(name, e.get());
    }
  }

  private static void refuseBlocked(ImageReference name, Entry e) throws BerthException {
    if (e.blocked()) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          BLOCKED,
          name.familiar() + ": registry " + e.prefix() + " is blocked in " + e.file());
    }
  }

  private static ImageReference parse(String text) throws BerthException {
    try {
      return ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid(e.getMessage());
    }
  }
}
