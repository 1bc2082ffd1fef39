package dev.berth.runtime;

import java.nio.file.Path;
import java.util.Optional;

class RuncRuntimeTest extends ContainerRuntimeContract {
  @Override
  Optional<ContainerRuntime> runtime(Path bundles) {
    return Executables.find("runc").map(p -> new OciRuntime(p, bundles));
  }

  @Override
  String tool() {
    return "runc";
  }
}
