package dev.berth.runtime;

import java.nio.file.Path;
import java.util.Optional;

class ChrootRuntimeTest extends ContainerRuntimeContract {
  @Override
  Optional<ContainerRuntime> runtime(Path bundles) {
    return ChrootRuntime.find().map(r -> r.withBundles(bundles));
  }

  @Override
  String tool() {
    return "unshare, setpriv and env (util-linux, coreutils)";
  }
}
