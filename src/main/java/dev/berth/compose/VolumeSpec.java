package dev.berth.compose;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The short volume syntax, {@code [SOURCE:]TARGET[:OPTIONS]}, read as docker compose reads it: a
 * source starting with {@code .}, {@code /} or {@code ~} is a bind mount (created when missing),
 * anything else names a volume, a lone target is an anonymous volume; {@code ${...}} may hold
 * colons.
 */
record VolumeSpec(
    String type,
    String source,
    String target,
    boolean readOnly,
    boolean noCopy,
    Optional<String> propagation,
    Optional<String> selinux) {

  /** Malformed short syntax. */
  static final class VolumeSpecException extends Exception {
    VolumeSpecException(String message) {
      super(message);
    }
  }

  static VolumeSpec parse(String spec) throws VolumeSpecException {
    if (spec.isEmpty()) {
      throw new VolumeSpecException("invalid empty volume spec");
    }
    if (spec.length() <= 2) {
      return new VolumeSpec("volume", "", spec, false, false, Optional.empty(), Optional.empty());
    }
    String source = "";
    String target = "";
    String options = null;
    StringBuilder buffer = new StringBuilder();
    int nesting = 0;
    int n = spec.length();
    for (int i = 0; i <= n; i++) {
      boolean end = i == n;
      if (!end) {
        char c = spec.charAt(i);
        if (c == '$' && i + 1 < n && spec.charAt(i + 1) == '{') {
          nesting++;
          buffer.append(c);
          continue;
        }
        if (c == '}' && nesting > 0) {
          nesting--;
          buffer.append(c);
          continue;
        }
        boolean drive = c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0));
        if (drive || c != ':' || nesting > 0) {
          buffer.append(c);
          continue;
        }
      }
      String part = buffer.toString();
      buffer.setLength(0);
      if (part.isEmpty()) {
        throw new VolumeSpecException("invalid spec: " + spec + ": empty section between colons");
      }
      if (source.isEmpty() && end && target.isEmpty()) {
        target = part;
      } else if (source.isEmpty()) {
        source = part;
      } else if (target.isEmpty()) {
        target = part;
      } else if (!end) {
        throw new VolumeSpecException("invalid spec: " + spec + ": too many colons");
      } else {
        options = part;
      }
    }
    boolean readOnly = false;
    boolean noCopy = false;
    String propagation = null;
    String selinux = null;
    if (options != null) {
      for (String option : options.split(",")) {
        switch (option) {
          case "ro" -> readOnly = true;
          case "rw" -> readOnly = false;
          case "nocopy" -> noCopy = true;
          case "z", "Z" -> selinux = option;
          case "rprivate", "private", "rshared", "shared", "rslave", "slave" ->
              propagation = option;
          default -> {
            // docker compose ignores options it does not know
          }
        }
      }
    }
    String type = isFilePath(source) ? "bind" : "volume";
    return new VolumeSpec(
        type,
        source,
        target,
        readOnly,
        noCopy,
        Optional.ofNullable(propagation),
        Optional.ofNullable(selinux));
  }

  /** The target of a short spec, or the spec itself when it cannot be read (for de-duplication). */
  static String shortTarget(String spec) {
    try {
      return cleanPath(parse(spec).target());
    } catch (VolumeSpecException e) {
      return spec;
    }
  }

  static boolean isFilePath(String source) {
    if (source.isEmpty()) {
      return false;
    }
    char c = source.charAt(0);
    if (c == '.' || c == '/' || c == '~' || source.startsWith("\\\\")) {
      return true;
    }
    return source.length() >= 2 && Character.isLetter(c) && source.charAt(1) == ':';
  }

  /** Go's path.Clean, which docker compose applies to mount targets. */
  static String cleanPath(String path) {
    if (path.isEmpty()) {
      return path;
    }
    boolean rooted = path.startsWith("/");
    ArrayDeque<String> parts = new ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(p);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
