package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends requests to one registry: picks HTTP or HTTPS, adds authorization, answers 401 challenges
 * once, follows redirects itself (so a redirect to another origin, such as a blob on a CDN, never
 * carries the registry's credentials), and retries 429, 5xx and dropped connections with backoff.
 */
final class Transport {

  private static final int MAX_REDIRECTS = 5;

  private final HttpClient http;
  private final String registry;
  private final URI base;
  private final Authenticator auth;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Duration timeout;

  /** Waits between attempts; tests replace it. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** A request: re-created for every attempt, since a body can be read only once. */
  record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      Supplier<HttpRequest.BodyPublisher> body,
      List<String> scopes,
      Step step) {
    Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(step, "step");
    }
  }

  Transport(
      HttpClient http,
      String registry,
      Set<String> insecure,
      Authenticator auth,
      RetryPolicy retry,
      Sleeper sleeper,
      Duration timeout) {
    this.http = http;
    this.registry = registry;
    this.base = baseUri(registry, insecure);
    this.auth = auth;
    this.retry = retry;
    this.sleeper = sleeper;
    this.timeout = timeout;
  }

  /**
   * Plain HTTP only for the local machine and registries the user named as insecure; Docker Hub's
   * API lives at registry-1.docker.io.
   */
  static URI baseUri(String registry, Set<String> insecure) {
    String host = registry;
    if (host.equals("docker.io") || host.equals("index.docker.io")) {
      host = "registry-1.docker.io";
    }
    String hostOnly =
        host.startsWith("[")
            ? host.substring(0, host.indexOf(']') + 1)
            : host.replaceFirst(":[0-9]+$", "");
    String lower = hostOnly.toLowerCase(Locale.ROOT);
    boolean plain =
        lower.equals("localhost")
            || lower.equals("127.0.0.1")
            || lower.equals("[::1]")
            || insecure.contains(registry)
            || insecure.contains(hostOnly);
    return URI.create((plain ? "http://" : "https://") + host);
  }

  URI base() {
    return base;
  }

  String registry() {
    return registry;
  }

  /** {@code base + path}; the path is already encoded. */
  URI uri(String path) {
    return URI.create(base + path);
  }

  /**
   * Sends the request and returns the final response, whatever its status; the caller owns its body
   * stream. Fails only when the registry cannot be reached: at once when nothing listens there (a
   * refused connection, an unknown host), else after the retries or when the request's deadline
   * ({@link RegistryOptions#timeout}, counted from the first attempt) has passed.
   */
  HttpResponse<InputStream> send(Request req) throws IOException {
    long started = System.nanoTime();
    URI uri = req.uri();
    boolean sameOrigin = true;
    boolean challenged = false;
    int redirects = 0;
    int attempt = 0;
    while (true) {
      attempt++;
      Duration left = timeout.minusNanos(System.nanoTime() - started);
      if (left.isNegative() || left.isZero()) {
        throw noAnswer(req.step(), uri, attempt - 1);
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri).method(req.method(), req.body().get()).timeout(left);
      req.headers().forEach(b::header);
      if (sameOrigin) {
        auth.header(req.scopes()).ifPresent(h -> b.header("Authorization", h));
      }
      HttpResponse<InputStream> resp;
      try {
        resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(req.step().describe() + ": interrupted");
      } catch (HttpConnectTimeoutException e) {
        if (retry.mayRetry(attempt) && pauseWithin(started, attempt, req)) {
          continue;
        }
        throw unreachable(
            req.step(),
            uri,
            "no connection within "
                + seconds(connectTimeout())
                + "; "
                + RegistryOptions.CONNECT_TIMEOUT_ENV
                + " sets how long to wait",
            attempt,
            e);
      } catch (HttpTimeoutException e) {
        throw noAnswer(req.step(), uri, attempt);
      } catch (ConnectException e) {
        // Nothing listens there, or the host has no address: another attempt would only wait.
        throw unreachable(req.step(), uri, refusal(e), attempt, e);
      } catch (IOException e) {
        if (retry.mayRetry(attempt) && pauseWithin(started, attempt, req)) {
          continue;
        }
        throw unreachable(req.step(), uri, reason(e), attempt, e);
      }
      int status = resp.statusCode();
      if (status == 401 && sameOrigin && !challenged) {
        List<Challenge> challenges =
            WwwAuthenticate.parse(resp.headers().allValues("WWW-Authenticate"));
        challenged = true;
        if (auth.answer(challenges, req.scopes(), req.step())) {
          discard(resp);
          attempt--;
          continue;
        }
        return resp; // unanswerable: the caller reports the 401
      }
      if (isRedirect(status) && resp.headers().firstValue("Location").isPresent()) {
        if (++redirects > MAX_REDIRECTS) {
          discard(resp);
          throw new BerthException(
              ErrorKind.UNAVAILABLE,
              "",
              req.step().describe() + ": more than " + MAX_REDIRECTS + " redirects");
        }
        URI next = uri.resolve(resp.headers().firstValue("Location").get());
        discard(resp);
        sameOrigin = sameOrigin && sameOrigin(next, base);
        uri = next;
        attempt--;
        continue;
      }
      if (retry.retryable(status) && retry.mayRetry(attempt)) {
        Optional<Duration> after =
            RetryPolicy.parseRetryAfter(resp.headers().firstValue("Retry-After"));
        Duration delay = retry.delay(attempt, after);
        if (fitsBefore(started, delay)) {
          discard(resp);
          pause(delay, req.step());
          continue;
        }
      }
      return resp;
    }
  }

  /** Pauses before the next attempt if the pause ends before the deadline; says whether it did. */
  private boolean pauseWithin(long started, int attempt, Request req) throws IOException {
    Duration d = retry.delay(attempt, Optional.empty());
    if (!fitsBefore(started, d)) {
      return false;
    }
    pause(d, req.step());
    return true;
  }

  private boolean fitsBefore(long started, Duration pause) {
    return timeout.minusNanos(System.nanoTime() - started).compareTo(pause) > 0;
  }

  private Duration connectTimeout() {
    return http.connectTimeout().orElse(Duration.ZERO);
  }

  private BerthException noAnswer(Step step, URI uri, int attempts) {
    return unreachable(
        step,
        uri,
        "no answer within "
            + seconds(timeout)
            + "; "
            + RegistryOptions.TIMEOUT_ENV
            + " sets how long to wait",
        attempts,
        null);
  }

  /** A duration as a Go duration in whole seconds or milliseconds: {@code 30s}, {@code 1500ms}. */
  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** "connection refused" or "no such host", from the cause the HTTP client wrapped. */
  private static String refusal(ConnectException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "no such host";
      }
    }
    String why = reason(e);
    return why.equals("ConnectException") ? "connection refused" : why.toLowerCase(Locale.ROOT);
  }

  /** The first message in the cause chain: the HTTP client often wraps the one that says why. */
  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  /** The exception for a response that is not what the step needed. */
  static BerthException failure(Step step, HttpResponse<InputStream> resp) throws IOException {
    byte[] body;
    try (InputStream in = resp.body()) {
      body = in.readNBytes(64 * 1024);
    } catch (IOException e) {
      body = new byte[0];
    }
    ErrorBody err = ErrorBody.parse(body);
    int status = resp.statusCode();
    ErrorKind kind;
    String fallback;
    if (status == 401) {
      kind = ErrorKind.FAILED_PRECONDITION;
      fallback = "UNAUTHORIZED";
    } else if (status == 403) {
      kind = ErrorKind.FAILED_PRECONDITION;
      fallback = "DENIED";
    } else if (status == 404) {
      kind = ErrorKind.NOT_FOUND;
      fallback = "NOT_FOUND";
    } else if (status == 429 || status >= 500) {
      kind = ErrorKind.UNAVAILABLE;
      fallback = status == 429 ? "TOOMANYREQUESTS" : "HTTP_" + status;
    } else {
      kind = ErrorKind.FAILED;
      fallback = "HTTP_" + status;
    }
    String code = err.code().orElse(fallback);
    String message = step.describe() + ": " + err.describe(status);
    if (err.code().isEmpty()) {
      message = step.describe() + ": " + fallback + " " + err.describe(status);
    }
    if (kind == ErrorKind.FAILED_PRECONDITION) {
      message += "; log in with: berth login " + step.registry();
    }
    return new BerthException(kind, code, message);
  }

  private static BerthException unreachable(
      Step step, URI uri, String why, int attempts, IOException cause) {
    return new BerthException(
        ErrorKind.UNAVAILABLE,
        "",
        step.describe()
            + ": cannot reach "
            + uri.getScheme()
            + "://"
            + uri.getAuthority()
            + " ("
            + why
            + ")"
            + (attempts > 1 ? " after " + attempts + " attempts" : ""),
        cause);
  }

  private void pause(Duration d, Step step) throws IOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(step.describe() + ": interrupted");
    }
  }

  RetryPolicy retry() {
    return retry;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  static void discard(HttpResponse<InputStream> resp) {
    try (InputStream in = resp.body()) {
      in.skip(1 << 16);
    } catch (IOException e) {
      // The connection is dropped; nothing to clean up.
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
