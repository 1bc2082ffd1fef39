package dev.berth.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The image's root file system: the diff IDs (digests of the uncompressed layer tars) from the
 * bottom layer up. Its type is always {@code layers}, the only one the OCI spec defines.
 */
public record RootFs(List<Digest> diffIds) {

  public static final String TYPE = "layers";
  public static final RootFs EMPTY = new RootFs(List.of());

  public RootFs {
    diffIds = List.copyOf(diffIds);
  }

  public String type() {
    return TYPE;
  }

  /** This root file system with one more layer on top. */
  public RootFs plus(Digest diffId) {
    var ids = new ArrayList<>(diffIds);
    ids.add(diffId);
    return new RootFs(ids);
  }
}
