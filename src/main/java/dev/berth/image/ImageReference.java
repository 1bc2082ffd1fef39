package dev.berth.image;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised image reference, {@code registry/repository[:tag][@digest]}, parsed the way docker
 * parses the names users type: {@code busybox} is {@code docker.io/library/busybox:latest}.
 *
 * <p>A reference without tag and digest gets the tag {@code latest}; one with only a digest keeps
 * no tag, since the digest already names the content.
 */
public record ImageReference(
    String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

  public static final String DOCKER_HUB = "docker.io";
  public static final String DEFAULT_TAG = "latest";

  /** The longest name (registry and repository as written) docker accepts. */
  private static final int NAME_MAX = 255;

  private static final String HOST_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:" + HOST_LABEL + "(?:\\." + HOST_LABEL + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("invalid registry host '" + registry + "'");
    }
    checkRepository(repository, repository);
    tag.ifPresent(t -> checkTag(t, t));
  }

  /**
   * Parses and normalises a reference such as {@code busybox}, {@code user/app:1} or {@code
   * localhost:5000/a/b@sha256:...}.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw invalid(text, "empty name");
    }
    String name = text;
    Optional<Digest> digest = Optional.empty();
    int at = text.indexOf('@');
    if (at >= 0) {
      String digestText = text.substring(at + 1);
      try {
        digest = Optional.of(Digest.parse(digestText));
      } catch (IllegalArgumentException e) {
        throw invalid(text, e.getMessage());
      }
      name = text.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      String tagText = name.substring(colon + 1);
      checkTag(text, tagText);
      tag = Optional.of(tagText);
      name = name.substring(0, colon);
    }
    if (name.isEmpty()) {
      throw invalid(text, "empty name");
    }
    if (IMAGE_ID.matcher(name).matches()) {
      throw invalid(
          text, "a 64-character hex string looks like an image ID and cannot be a repository name");
    }
    if (name.length() > NAME_MAX) {
      throw invalid(text, "name is longer than " + NAME_MAX + " characters");
    }
    String registry = DOCKER_HUB;
    String repository = name;
    int slash = name.indexOf('/');
    if (slash >= 0 && looksLikeRegistry(name.substring(0, slash))) {
      registry = name.substring(0, slash);
      repository = name.substring(slash + 1);
      if (!REGISTRY.matcher(registry).matches()) {
        throw invalid(text, "invalid registry host '" + registry + "'");
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = "library/" + repository;
    }
    checkRepository(text, repository);
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of(DEFAULT_TAG);
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /**
   * Whether the text, as typed, names its registry ({@code quay.io/x}, {@code localhost/x}); a
   * short name such as {@code alpine} or {@code library/x} does not, and docker reads it as Docker
   * Hub's.
   */
  public static boolean namesRegistry(String text) {
    String name = text;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int slash = name.indexOf('/');
    return slash >= 0 && looksLikeRegistry(name.substring(0, slash));
  }

  /**
   * Docker's rule: the first component names a registry when it contains a dot or a colon, is
   * {@code localhost}, or has an uppercase letter (repositories are lowercase, hosts need not be).
   */
  private static boolean looksLikeRegistry(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || !first.equals(first.toLowerCase(Locale.ROOT));
  }

  private static void checkRepository(String text, String repository) {
    if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
      throw invalid(text, "repository name '" + repository + "' must be lowercase");
    }
    for (String component : repository.split("/", -1)) {
      if (component.isEmpty()) {
        throw invalid(text, "repository name '" + repository + "' has an empty path component");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        throw invalid(
            text,
            "path component '"
                + component
                + "' must be lowercase letters and digits, separated by '.', '_', '__' or"
                + " dashes, not at either end");
      }
    }
  }

  private static void checkTag(String text, String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw invalid(
          text,
          "bad tag '"
              + tag
              + "': a tag is 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or"
              + " '-'");
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid image reference '" + text + "': " + why);
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The same name with another tag (and no digest). */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, Optional.of(newTag), Optional.empty());
  }

  /** The same name and tag pinned to a digest. */
  public ImageReference withDigest(Digest d) {
    return new ImageReference(registry, repository, tag, Optional.of(d));
  }

  /** Docker's short form: {@code busybox:latest}, {@code user/app:1}, {@code quay.io/x:y}. */
  public String familiar() {
    String shortName;
    if (registry.equals(DOCKER_HUB)) {
      String rest = repository;
      if (rest.startsWith("library/") && rest.indexOf('/', "library/".length()) < 0) {
        rest = rest.substring("library/".length());
      }
      shortName = rest;
    } else {
      shortName = name();
    }
    return shortName + suffix();
  }

  private String suffix() {
    return tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  /** The full normalised form, {@code docker.io/library/busybox:latest}. */
  @Override
  public String toString() {
    return name() + suffix();
  }
}
