package dev.berth.app;

import dev.berth.diag.BerthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A git build context as docker writes it: {@code https://host/x.git#ref:subdir}, {@code
 * git@host:x.git#ref}, {@code git://…}, {@code ssh://…}, {@code file:///path/x.git} or {@code
 * github.com/owner/repo}, with an optional fragment naming the ref (a branch, tag, full ref or
 * commit; the remote's HEAD when empty) and the directory inside the repository that is the
 * context.
 *
 * @param remote what {@code git} is given to clone
 * @param ref the fragment's part before {@code :}, when not empty
 * @param subdir the fragment's part after {@code :}, relative, without {@code ..}
 */
public record GitUrl(String remote, Optional<String> ref, Optional<String> subdir) {

  public GitUrl {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(subdir, "subdir");
  }

  /**
   * Whether docker would take {@code arg} for a git repository: an http(s) URL whose path ends in
   * {@code .git} (before the fragment), or one of the prefixes {@code git://}, {@code git@}, {@code
   * github.com/}; berth adds {@code ssh://} and {@code file://}.
   */
  public static boolean isGit(String arg) {
    String lower = arg.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int hash = arg.indexOf('#');
      String path = hash < 0 ? arg : arg.substring(0, hash);
      return path.endsWith(".git") || path.endsWith(".git/");
    }
    return lower.startsWith("git://")
        || lower.startsWith("git@")
        || lower.startsWith("github.com/")
        || lower.startsWith("ssh://")
        || lower.startsWith("file://");
  }

  /** Whether {@code arg} is a URL at all (a scheme and {@code ://}), git or not. */
  public static boolean isUrl(String arg) {
    return arg.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
  }

  /**
   * Reads a git context argument.
   *
   * @throws BerthException invalid input, naming what is wrong
   */
  public static GitUrl parse(String arg) throws BerthException {
    if (!isGit(arg)) {
      throw BerthException.invalid(arg + ": not a git repository URL");
    }
    int hash = arg.indexOf('#');
    String remote = hash < 0 ? arg : arg.substring(0, hash);
    String fragment = hash < 0 ? "" : arg.substring(hash + 1);
    if (remote.toLowerCase(Locale.ROOT).startsWith("github.com/")) {
      remote = "https://" + remote;
    }
    checkRemote(arg, remote);
    int colon = fragment.indexOf(':');
    String ref = colon < 0 ? fragment : fragment.substring(0, colon);
    String dir = colon < 0 ? "" : fragment.substring(colon + 1);
    if (ref.startsWith("-") || ref.contains("..") || ref.chars().anyMatch(c -> c <= ' ')) {
      throw BerthException.invalid(arg + ": '" + ref + "' is not a valid git ref");
    }
    String subdir = normalise(arg, dir);
    return new GitUrl(
        remote,
        ref.isEmpty() ? Optional.empty() : Optional.of(ref),
        subdir.isEmpty() ? Optional.empty() : Optional.of(subdir));
  }

  private static void checkRemote(String arg, String remote) throws BerthException {
    if (remote.startsWith("-")) {
      throw BerthException.invalid(arg + ": not a git repository URL");
    }
    if (remote.toLowerCase(Locale.ROOT).startsWith("git@")) {
      // scp-like syntax: git@host:path
      int colon = remote.indexOf(':');
      if (colon <= 4 || colon == remote.length() - 1) {
        throw BerthException.invalid(arg + ": a git@ URL is git@HOST:PATH");
      }
      return;
    }
    URI uri;
    try {
      uri = new URI(remote);
    } catch (URISyntaxException e) {
      throw BerthException.invalid(arg + ": not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      boolean local =
          uri.getAuthority() == null || uri.getAuthority().equalsIgnoreCase("localhost");
      if (!local || uri.getPath() == null || !uri.getPath().startsWith("/")) {
        throw BerthException.invalid(arg + ": a file URL is file:///ABSOLUTE/PATH");
      }
      return;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw BerthException.invalid(arg + ": the URL names no host");
    }
    if (uri.getPath() == null || uri.getPath().length() <= 1) {
      throw BerthException.invalid(arg + ": the URL names no repository");
    }
  }

  /** The subdirectory without leading, trailing or doubled slashes; {@code ..} is refused. */
  private static String normalise(String arg, String dir) throws BerthException {
    StringBuilder out = new StringBuilder();
    for (String part : dir.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw BerthException.invalid(
            arg + ": the subdirectory '" + dir + "' may not climb out of the repository");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  /** As written, for messages: the remote, then {@code #ref:subdir} when there are any. */
  @Override
  public String toString() {
    if (ref.isEmpty() && subdir.isEmpty()) {
      return remote;
    }
    return remote + "#" + ref.orElse("") + subdir.map(s -> ":" + s).orElse("");
  }
}
