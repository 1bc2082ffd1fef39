package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.regex.Pattern;

/**
 * Checks {@code --chmod} values: octal ({@code 755}, {@code 0644}) or symbolic ({@code u+x,go=r}).
 */
final class Chmod {

  private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
  private static final Pattern SYMBOLIC =
      Pattern.compile("[ugoa]*([-+=]([rwxXst]*|[ugo]))+(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+)*");

  private Chmod() {}

  static void check(String keyword, String mode, SourceRange range) throws BerthException {
    if (mode.contains("$")) {
      return; // checked again once expanded
    }
    if (!OCTAL.matcher(mode).matches() && !SYMBOLIC.matcher(mode).matches()) {
      throw BerthException.error(
          "bad-chmod",
          keyword
              + ": invalid --chmod value '"
              + mode
              + "' (expected an octal mode such as 755 or 0644, or a symbolic one such as"
              + " u+x,go=r)",
          range);
    }
  }
}
