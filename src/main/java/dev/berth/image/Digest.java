package dev.berth.image;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 hex>} (sha512 is read too), as the OCI image spec defines it.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    boolean ok =
        switch (algorithm) {
          case "sha256" -> SHA256.matcher(hex).matches();
          case "sha512" -> SHA512.matcher(hex).matches();
          default -> false;
        };
    if (!ok) {
      throw new IllegalArgumentException("invalid digest: " + algorithm + ":" + hex);
    }
  }

  /** Parses {@code sha256:...}; throws IllegalArgumentException naming the bad text. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "invalid digest '" + text + "': expected sha256:<64 lowercase hex digits>");
    }
    try {
      return new Digest(text.substring(0, colon), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid digest '" + text + "': expected sha256:<64 lowercase hex digits>");
    }
  }

  /** True when the text is a well-formed digest. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The SHA-256 digest of the bytes. */
  public static Digest sha256(byte[] bytes) {
    MessageDigest md = newSha256();
    return fromSha256(md.digest(bytes));
  }

  /** The SHA-256 digest of a stream, read to its end. */
  public static Digest sha256(InputStream in) throws IOException {
    MessageDigest md = newSha256();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return fromSha256(md.digest());
  }

  /** A new SHA-256 hasher, for digests computed while streaming. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** The digest whose SHA-256 sum is {@code sum}. */
  public static Digest fromSha256(byte[] sum) {
    return new Digest("sha256", HexFormat.of().formatHex(sum));
  }

  /** The first 12 hex digits, as docker shows image IDs. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  /** A new hasher of this digest's algorithm. */
  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public int compareTo(Digest o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
