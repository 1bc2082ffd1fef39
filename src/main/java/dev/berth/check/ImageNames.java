package dev.berth.check;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Image references as the distribution reference grammar reads them ({@code
 * [host[:port]/]path[:tag][@digest]}), for the checks that look at {@code FROM} lines.
 */
final class ImageNames {

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[_.]|__|-+)";
  private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:("
              + DOMAIN
              + ")/)?("
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*)(?::("
              + TAG
              + "))?(?:@("
              + DIGEST
              + "))?");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

  private ImageNames() {}

  /**
   * Whether the text is a reference {@code docker pull} would accept: the grammar, a lower-case
   * repository, not a bare 64-digit hex string, at most 255 characters of name.
   */
  static boolean isValid(String ref) {
    var m = REFERENCE.matcher(ref);
    if (!m.matches()) {
      return false;
    }
    String name = (m.group(1) == null ? "" : m.group(1) + "/") + m.group(2);
    return name.length() <= 255 && !HEX64.matcher(ref).matches();
  }

  /** The repository path without the registry, with Docker Hub's {@code library/} dropped. */
  static String repository(String ref) {
    String r = withoutDigest(ref);
    int slash = r.indexOf('/');
    if (slash > 0) {
      String first = r.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        r = r.substring(slash + 1);
      }
    }
    int colon = r.lastIndexOf(':');
    if (colon > r.lastIndexOf('/')) {
      r = r.substring(0, colon);
    }
    if (r.startsWith("library/")) {
      r = r.substring("library/".length());
    }
    return r.toLowerCase(Locale.ROOT);
  }

  /** The tag, if the reference names one. */
  static Optional<String> tag(String ref) {
    String r = withoutDigest(ref);
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? Optional.of(r.substring(colon + 1)) : Optional.empty();
  }

  static boolean hasDigest(String ref) {
    return ref.contains("@");
  }

  private static String withoutDigest(String ref) {
    int at = ref.indexOf('@');
    return at < 0 ? ref : ref.substring(0, at);
  }
}
