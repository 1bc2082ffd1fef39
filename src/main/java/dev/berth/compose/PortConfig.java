package dev.berth.compose;

import java.util.Objects;
import java.util.Optional;

/**
 * One published or exposed port of a service, in compose's long form.
 *
 * @param published the host port or port range ({@code 8000-8010}); empty for none
 * @param mode {@code ingress} (the default) or {@code host}
 */
public record PortConfig(
    Optional<String> name,
    String mode,
    Optional<String> hostIp,
    int target,
    Optional<String> published,
    String protocol,
    Optional<String> appProtocol) {

  public PortConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(protocol, "protocol");
  }

  /** The key docker compose keeps ports unique by. */
  String uniqueKey() {
    return hostIp.orElse("") + ":" + published.orElse("") + ":" + target + "/" + protocol;
  }
}
