package dev.berth.mount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where overlayfs keeps its own attributes (opaque directories): {@code trusted.overlay.*} for
 * berth on the host, {@code user.overlay.*} inside a user namespace, where {@code trusted.*} is out
 * of reach and the overlay is mounted with {@code userxattr} to read them from there.
 */
public final class OverlayAttributes {

  private static volatile Boolean userNamespace;

  private OverlayAttributes() {}

  /** The attribute that marks a directory opaque for the overlays this process mounts. */
  public static String opaque() {
    return prefix() + "opaque";
  }

  /** {@code trusted.overlay.} or {@code user.overlay.}. */
  public static String prefix() {
    return inUserNamespace() ? "user.overlay." : "trusted.overlay.";
  }

  /** Whether {@code name} is one of overlay's own attributes, in either namespace. */
  public static boolean isOverlays(String name) {
    return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
  }

  /** Whether this process runs in a user namespace other than the host's. */
  public static boolean inUserNamespace() {
    Boolean b = userNamespace;
    if (b == null) {
      try {
        String map = Files.readString(Path.of("/proc/self/uid_map")).strip();
        b = !map.matches("0\\s+0\\s+4294967295");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      userNamespace = b;
    }
    return b;
  }
}
