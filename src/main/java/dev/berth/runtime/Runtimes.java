package dev.berth.runtime;

import dev.berth.mount.Ledger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the container runtime this host offers: crun, else runc, else the chroot fallback. */
public final class Runtimes {

  private Runtimes() {}

  /**
   * The best runtime installed; OCI runtimes write their bundles below {@code bundles} and keep
   * their state in {@code stateRoot} when one is given.
   */
  public static ContainerRuntime detect(Path bundles, Optional<Path> stateRoot) throws IOException {
    return detect(bundles, stateRoot, Optional.empty());
  }

  /** As {@link #detect(Path, Optional)}, OCI runtimes writing what they make in {@code ledger}. */
  public static ContainerRuntime detect(
      Path bundles, Optional<Path> stateRoot, Optional<Ledger> ledger) throws IOException {
    Optional<? extends ContainerRuntime> r = OciRuntime.crun(bundles, stateRoot, ledger);
    if (r.isEmpty()) {
      r = OciRuntime.runc(bundles, stateRoot, ledger);
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
