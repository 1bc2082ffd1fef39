package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.regex.Pattern;

/** Checks {@code ADD --checksum} values ({@code sha256:<64 hex>}, sha384, sha512). */
final class Checksums {

  private static final Pattern DIGEST =
      Pattern.compile("sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}");

  private Checksums() {}

  static void check(String checksum, SourceRange range) throws BerthException {
    if (checksum.contains("$")) {
      return;
    }
    if (!DIGEST.matcher(checksum).matches()) {
      throw BerthException.error(
          "bad-checksum",
          "ADD: invalid --checksum '" + checksum + "' (expected sha256:<64 lowercase hex digits>)",
          range);
    }
  }
}
