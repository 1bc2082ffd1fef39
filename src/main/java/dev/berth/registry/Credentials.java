package dev.berth.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password (or token) for one registry, or an identity token: docker's refresh
 * token for the OAuth2 token request ({@code identitytoken} in config.json, or a helper's answer
 * whose user name is {@code <token>}).
 */
public record Credentials(String username, String password, Optional<String> identityToken) {

  /** The user name docker's credential helpers give for an identity token. */
  static final String TOKEN_USER = "<token>";

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(identityToken, "identityToken");
  }

  public Credentials(String username, String password) {
    this(username, password, Optional.empty());
  }

  /** Credentials that are only a refresh token. */
  static Credentials ofIdentityToken(String username, String token) {
    return new Credentials(username, "", Optional.of(token));
  }

  /** The value of a basic {@code Authorization} header, and of config.json's {@code auth}. */
  String basicToken() {
    return Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials["
        + username
        + (identityToken.isPresent() ? ", identity token hidden]" : ", password hidden]");
  }
}
