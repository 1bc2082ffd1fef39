package dev.berth.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Performs mounts described by {@link MountSpec}s with mount(8), and undoes them. */
public final class Mounter {

  private Mounter() {}

  /** Mounts {@code spec} at {@code target} (the spec's own target is ignored). */
  public static void mount(MountSpec spec, Path target) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("mount"));
    if (spec.type().equals("bind")) {
      cmd.add("--rbind");
    } else {
      cmd.add("-t");
      cmd.add(spec.type());
    }
    List<String> options = new ArrayList<>(spec.options());
    options.removeIf(o -> o.equals("rbind") || o.equals("bind"));
    if (spec.type().equals("overlay") && OverlayAttributes.inUserNamespace()) {
      options.add("userxattr");
    }
    if (!options.isEmpty()) {
      cmd.add("-o");
      cmd.add(String.join(",", options));
    }
    cmd.add(spec.source());
    cmd.add(target.toString());
    exec(cmd, "mount " + spec.type() + " at " + target);
  }

  /** Unmounts {@code target}, detaching it lazily if it is busy. */
  public static void unmount(Path target) throws IOException {
    try {
      exec(List.of("umount", target.toString()), "unmount " + target);
    } catch (IOException busy) {
      exec(List.of("umount", "-l", target.toString()), "unmount " + target);
    }
  }

  private static void exec(List<String> cmd, String what) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("cannot " + what + ": timed out");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("cannot " + what + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      throw new IOException("cannot " + what + ": " + out);
    }
  }
}
