package dev.berth.runtime;

import java.nio.file.Path;
import java.util.Optional;

class CrunRuntimeTest extends ContainerRuntimeContract {
  @Override
  Optional<ContainerRuntime> runtime(Path bundles) {
    return Executables.find("crun").map(p -> new OciRuntime(p, bundles));
  }

  @Override
  String tool() {
    return "crun";
  }
}
