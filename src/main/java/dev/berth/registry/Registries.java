package dev.berth.registry;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point to registries: one HTTP client, and per registry one authenticator (so tokens are
 * cached across repositories and requests) and one credential lookup.
 */
public final class Registries {

  /**
   * The JDK HTTP client moves bodies in buffers of {@code jdk.httpclient.bufsize} bytes, 16 KiB by
   * default, and pays its per-buffer cost (subscribers, flow control, a copy) on each: a pull of
   * 300 MB took about a quarter less CPU time with 256 KiB (bench/RESULTS.md). The client reads the
   * property once, when its first class loads, so it is set here, before the first client is made,
   * unless the user set it.
   */
  static {
    if (System.getProperty("jdk.httpclient.bufsize") == null) {
      System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
    }
  }

  private final HttpClient http;
  private final Authenticator.CredentialSource credentials;
  private final RegistryOptions options;
  private final Transport.Sleeper sleeper;
  private final Map<String, Transport> transports = new ConcurrentHashMap<>();

  public Registries(DockerConfig config, RegistryOptions options) {
    this(memo(config::lookup), options, d -> Thread.sleep(d.toMillis()));
  }

  Registries(
      Authenticator.CredentialSource credentials,
      RegistryOptions options,
      Transport.Sleeper sleeper) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(options.connectTimeout())
            .build();
    this.credentials = credentials;
    this.options = options;
    this.sleeper = sleeper;
  }

  public RegistryOptions options() {
    return options;
  }

  /** A client for one repository; {@code push} asks for push access as well as pull. */
  public RegistryClient client(String registry, String repository, boolean push) {
    return new RegistryClient(
        transports.computeIfAbsent(registry, r -> transport(r, credentials)),
        repository,
        push,
        options);
  }

  /**
   * Checks credentials against the registry's {@code /v2/}, as {@code docker login} does.
   *
   * @throws BerthException of kind UNAUTHORIZED when the registry refuses them
   */
  public void checkLogin(String registry, Credentials creds) throws IOException {
    ApiCheck.check(transport(registry, r -> Optional.of(creds)));
  }

  private Transport transport(String registry, Authenticator.CredentialSource creds) {
    Authenticator auth = new Authenticator(http, registry, creds, Clock.systemUTC());
    return new Transport(
        http, registry, options.insecure(), auth, options.retry(), sleeper, options.timeout());
  }

  /** Looks each registry's credentials up once: a helper program need not run per request. */
  private static Authenticator.CredentialSource memo(Authenticator.CredentialSource source) {
    Map<String, Optional<Credentials>> seen = new ConcurrentHashMap<>();
    return registry -> {
      Optional<Credentials> c = seen.get(registry);
      if (c == null) {
        c = source.lookup(registry);
        seen.put(registry, c);
      }
      return c;
    };
  }
}
