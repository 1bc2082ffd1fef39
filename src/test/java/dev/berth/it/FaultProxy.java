package dev.berth.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of a test registry that injects faults into blob downloads: each
 * blob GET takes the next fault from a queue (and passes through once the queue is empty), or, in
 * corrupting mode, every blob GET has one byte of its body changed.
 */
final class FaultProxy implements AutoCloseable {

  /** What to do to one blob GET. */
  enum Fault {
    /** Answer 500 without asking the registry. */
    SERVER_ERROR,
    /** Answer 429 with {@code Retry-After: 0}. */
    TOO_MANY_REQUESTS,
    /** Send the headers and half the body, then close the connection. */
    CUT_MID_BODY
  }

  private static final Pattern BLOB_PATH = Pattern.compile("/v2/.+/blobs/sha256:[0-9a-f]{64}");
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "upgrade",
          "expect",
          "date",
          "keep-alive");

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String upstream;
  private final Deque<Fault> faults;
  private final boolean corrupt;
  private final String corruptOnly;
  private final List<String> injected = new CopyOnWriteArrayList<>();

  private FaultProxy(
      ServerSocket server,
      String upstream,
      List<Fault> faults,
      boolean corrupt,
      String corruptOnly) {
    this.server = server;
    this.upstream = upstream;
    this.faults = new ArrayDeque<>(faults);
    this.corrupt = corrupt;
    this.corruptOnly = corruptOnly;
  }

  /** A proxy that applies {@code faults} to the first blob GETs, in order. */
  static FaultProxy withFaults(String upstreamHost, List<Fault> faults) throws IOException {
    return start(upstreamHost, faults, false, "");
  }

  /** A proxy that changes one byte of every blob it passes on. */
  static FaultProxy corrupting(String upstreamHost) throws IOException {
    return start(upstreamHost, List.of(), true, "");
  }

  /** A proxy that changes one byte of the blob {@code digest} (sha256:...) only, every time. */
  static FaultProxy corruptingOnly(String upstreamHost, String digest) throws IOException {
    return start(upstreamHost, List.of(), true, digest);
  }

  private static FaultProxy start(
      String upstreamHost, List<Fault> faults, boolean corrupt, String corruptOnly)
      throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultProxy p = new FaultProxy(socket, upstreamHost, faults, corrupt, corruptOnly);
    p.pool.execute(p::accept);
    return p;
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** The faults injected so far, each as {@code FAULT path}. */
  List<String> injected() {
    return List.copyOf(injected);
  }

  private synchronized Fault nextFault() {
    return faults.poll();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One request per connection: every answer says {@code Connection: close}, so a cut is real. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String[] requestLine = readLine(in).split(" ");
      String method = requestLine[0];
      String target = requestLine[1];
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        headers
            .computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
      long requestLength =
          headers.entrySet().stream()
              .filter(h -> h.getKey().equalsIgnoreCase("Content-Length"))
              .mapToLong(h -> Long.parseLong(h.getValue().get(0)))
              .findFirst()
              .orElse(0);
      byte[] requestBody = in.readNBytes((int) requestLength);
      OutputStream out = socket.getOutputStream();
      String path = URI.create(target).getRawPath();
      boolean blobGet = method.equals("GET") && BLOB_PATH.matcher(path).matches();
      Fault fault = blobGet ? nextFault() : null;
      if (fault == Fault.SERVER_ERROR || fault == Fault.TOO_MANY_REQUESTS) {
        injected.add(fault + " " + path);
        writeHead(
            out, fault == Fault.SERVER_ERROR ? 500 : 429, Map.of("Retry-After", List.of("0")), 0);
        out.flush();
        return;
      }
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create("http://" + upstream + target))
              .method(
                  method,
                  requestBody.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      headers.forEach(
          (name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
              values.forEach(v -> req.header(name, v));
            }
          });
      HttpResponse<byte[]> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> respHeaders = new LinkedHashMap<>();
      resp.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                  respHeaders.put(name, values);
                }
              });
      byte[] body = resp.body();
      boolean ok = resp.statusCode() == 200;
      if (method.equals("HEAD")) {
        long length = resp.headers().firstValueAsLong("Content-Length").orElse(0);
        writeHead(out, resp.statusCode(), respHeaders, length);
        out.flush();
        return;
      }
      boolean chosen = corruptOnly.isEmpty() || path.endsWith("/" + corruptOnly);
      if (blobGet && ok && corrupt && chosen && body.length > 0) {
        injected.add("CORRUPT " + path);
        body[body.length / 2] ^= 0x5a;
      }
      writeHead(out, resp.statusCode(), respHeaders, body.length);
      if (fault == Fault.CUT_MID_BODY && ok) {
        injected.add(fault + " " + path);
        out.write(body, 0, body.length / 2);
        out.flush();
        return; // closing the socket here drops the connection mid-body
      }
      out.write(body);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // The client went away or sent something odd; this connection is done.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void writeHead(
      OutputStream out, int status, Map<String, List<String>> headers, long length)
      throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Proxy\r\n");
    headers.forEach(
        (name, values) ->
            values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    pool.shutdownNow();
  }
}
