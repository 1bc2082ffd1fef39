package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads a blob: {@code POST /v2/<name>/blobs/uploads/} opens a session; a blob up to the chunk
 * threshold goes in one {@code PUT <location>?digest=}; a larger one in {@code PATCH} chunks with
 * {@code Content-Range}, then an empty {@code PUT ?digest=}. Each answer's {@code Location}, which
 * may be relative, is where the next request goes. A failed upload starts again with a new session;
 * the registry checks the digest before the blob appears.
 */
final class BlobUpload {

  /** Further whole-upload attempts after a session fails (each request retries on its own). */
  private static final int RESTARTS = 2;

  private BlobUpload() {}

  static void push(
      Transport t,
      String repository,
      Descriptor blob,
      BlobReader from,
      TransferListener listener,
      List<String> scopes,
      Optional<URI> session,
      long chunkThreshold,
      int chunkSize)
      throws IOException {
    Step step = new Step("push blob", t.registry(), repository, blob.digest().toString());
    Optional<URI> started = session;
    for (int attempt = 0; ; attempt++) {
      try {
        URI location = started.isPresent() ? started.get() : start(t, repository, scopes, step);
        started = Optional.empty();
        if (blob.size() <= chunkThreshold) {
          finish(t, location, blob, from, 0, blob.size(), listener, scopes, step);
        } else {
          long offset = 0;
          while (offset < blob.size()) {
            long n = Math.min(chunkSize, blob.size() - offset);
            location = patch(t, location, blob, from, offset, n, listener, scopes, step);
            offset += n;
          }
          finish(t, location, blob, from, offset, 0, listener, scopes, step);
        }
        listener.done(blob.digest(), blob.size());
        return;
      } catch (BerthException e) {
        if (e.kind() != ErrorKind.UNAVAILABLE || attempt >= RESTARTS) {
          throw e;
        }
      }
    }
  }

  private static URI start(Transport t, String repository, List<String> scopes, Step step)
      throws IOException {
    URI uri = t.uri("/v2/" + repository + "/blobs/uploads/");
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "POST", uri, Map.of(), HttpRequest.BodyPublishers::noBody, scopes, step));
    Optional<String> location = resp.headers().firstValue("Location");
    if (resp.statusCode() != 202 || location.isEmpty()) {
      throw Transport.failure(step, resp);
    }
    Transport.discard(resp);
    return resp.uri().resolve(location.get());
  }

  private static URI patch(
      Transport t,
      URI location,
      Descriptor blob,
      BlobReader from,
      long offset,
      long length,
      TransferListener listener,
      List<String> scopes,
      Step step)
      throws IOException {
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "PATCH",
                location,
                Map.of(
                    "Content-Type",
                    "application/octet-stream",
                    "Content-Range",
                    offset + "-" + (offset + length - 1)),
                () -> body(blob, from, offset, length, listener),
                scopes,
                step));
    Optional<String> next = resp.headers().firstValue("Location");
    if (resp.statusCode() != 202 || next.isEmpty()) {
      // 416: the registry has a different idea of the offset; a new session sorts it out.
      if (resp.statusCode() == 416) {
        Transport.discard(resp);
        throw new BerthException(
            ErrorKind.UNAVAILABLE,
            "BLOB_UPLOAD_INVALID",
            step.describe() + ": the registry refused the chunk at offset " + offset);
      }
      throw Transport.failure(step, resp);
    }
    Transport.discard(resp);
    return resp.uri().resolve(next.get());
  }

  private static void finish(
      Transport t,
      URI location,
      Descriptor blob,
      BlobReader from,
      long offset,
      long length,
      TransferListener listener,
      List<String> scopes,
      Step step)
      throws IOException {
    String sep = location.getRawQuery() == null ? "?" : "&";
    URI uri = URI.create(location + sep + "digest=" + blob.digest());
    HttpResponse<InputStream> resp =
        t.send(
            new Transport.Request(
                "PUT",
                uri,
                Map.of("Content-Type", "application/octet-stream"),
                () ->
                    length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : body(blob, from, offset, length, listener),
                scopes,
                step));
    if (resp.statusCode() != 201) {
      throw Transport.failure(step, resp);
    }
    Transport.discard(resp);
  }

  /** Bytes {@code offset .. offset+length} of the blob, reporting progress as they are sent. */
  private static HttpRequest.BodyPublisher body(
      Descriptor blob, BlobReader from, long offset, long length, TransferListener listener) {
    AtomicLong sent = new AtomicLong(offset);
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                InputStream in = from.open(blob.digest());
                in.skipNBytes(offset);
                return new FilterInputStream(limited(in, length)) {
                  @Override
                  public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                      listener.progress(blob.digest(), sent.addAndGet(n), blob.size());
                    }
                    return n;
                  }
                };
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }),
        length);
  }

  private static InputStream limited(InputStream in, long length) {
    return new FilterInputStream(in) {
      long left = length;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }
}
