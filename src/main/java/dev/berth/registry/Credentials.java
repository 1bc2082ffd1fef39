package dev.berth.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A user name and password (or token) for one registry. */
public record Credentials(String username, String password) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The value of a basic {@code Authorization} header, and of config.json's {@code auth}. */
  String basicToken() {
    return Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", password hidden]";
  }
}
