package dev.berth.runtime;

import java.io.IOException;
import java.util.Optional;

/** Picks the container runtime this host offers: crun, else runc, else the chroot fallback. */
public final class Runtimes {

  private Runtimes() {}

  public static ContainerRuntime detect() throws IOException {
    Optional<? extends ContainerRuntime> r = OciRuntime.crun();
    if (r.isEmpty()) {
      r = OciRuntime.runc();
    }
    if (r.isEmpty()) {
      r = ChrootRuntime.find();
    }
    return r.orElseThrow(
        () ->
            new IOException(
                "no container runtime: install crun or runc, or util-linux for the chroot"
                    + " fallback"));
  }
}
