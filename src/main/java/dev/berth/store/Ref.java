package dev.berth.store;

import dev.berth.image.Descriptor;
import java.util.Objects;

/** A name in the store and the manifest or index descriptor it points at. */
public record Ref(String name, Descriptor descriptor) {

  public Ref {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(descriptor, "descriptor");
  }
}
