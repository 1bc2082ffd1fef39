package dev.berth.runtime;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
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

  /**
   * The runtime {@code name} chooses: {@code auto} as {@link #detect}, else crun, runc or chroot,
   * which must be installed; {@code why} says who chose it, for the error.
   */
  public static ContainerRuntime named(
      String name, String why, Path bundles, Optional<Path> stateRoot, Optional<Ledger> ledger)
      throws IOException {
    Optional<? extends ContainerRuntime> r =
        switch (name) {
          case "auto" -> Optional.of(detect(bundles, stateRoot, ledger));
          case "crun" -> OciRuntime.crun(bundles, stateRoot, ledger);
          case "runc" -> OciRuntime.runc(bundles, stateRoot, ledger);
          case "chroot" -> ChrootRuntime.find();
          default ->
              throw BerthException.invalid(
                  "unknown runtime '"
                      + name
                      + "' ("
                      + why
                      + "): expected auto, crun, runc or chroot");
        };
    return r.orElseThrow(
        () ->
            new BerthException(
                ErrorKind.FAILED_PRECONDITION,
                "the runtime "
                    + name
                    + " ("
                    + why
                    + ") is not installed"
                    + (name.equals("chroot") ? ": it needs util-linux's unshare" : "")));
  }
}
