package dev.berth.registry;

import dev.berth.image.BlobIngester;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The distribution API of one repository: manifests and blobs, down and up. */
public final class RegistryClient {

  private final Transport transport;
  private final String repository;
  private final List<String> scopes;
  private final RegistryOptions options;

  RegistryClient(Transport transport, String repository, boolean push, RegistryOptions options) {
    this.transport = transport;
    this.repository = repository;
    this.scopes = List.of("repository:" + repository + (push ? ":pull,push" : ":pull"));
    this.options = options;
  }

  public String registry() {
    return transport.registry();
  }

  public String repository() {
    return repository;
  }

  /** The manifest or index a tag or digest names, checked against the digest. */
  public FetchedManifest manifest(String reference) throws IOException {
    return ManifestGet.get(transport, repository, reference, scopes);
  }

  /** Uploads a manifest under a tag or digest and returns its digest. */
  public Digest putManifest(String reference, String mediaType, byte[] bytes) throws IOException {
    return ManifestPut.put(transport, repository, reference, mediaType, bytes, scopes);
  }

  public boolean hasBlob(Digest digest) throws IOException {
    return BlobHead.exists(transport, repository, digest, scopes);
  }

  /** Downloads a blob into {@code into}, committed only when it matches the descriptor. */
  public void fetchBlob(Descriptor blob, BlobIngester into, TransferListener listener)
      throws IOException {
    BlobGet.fetch(transport, repository, blob, into, listener, scopes);
  }

  /**
   * Uploads a blob read from {@code from}; first asks the registry to mount it from {@code
   * mountFrom} (another repository of the same registry) when one is given.
   */
  public void pushBlob(
      Descriptor blob, BlobReader from, Optional<String> mountFrom, TransferListener listener)
      throws IOException {
    Optional<URI> session = Optional.empty();
    if (mountFrom.isPresent() && !mountFrom.get().equals(repository)) {
      List<String> mountScopes = List.of(scopes.get(0), "repository:" + mountFrom.get() + ":pull");
      BlobMount.Result r =
          BlobMount.mount(transport, repository, blob.digest(), mountFrom.get(), mountScopes);
      if (r.mounted()) {
        listener.mounted(blob.digest(), blob.size(), mountFrom.get());
        return;
      }
      session = r.upload();
    }
    BlobUpload.push(
        transport,
        repository,
        blob,
        from,
        listener,
        scopes,
        session,
        options.chunkThreshold(),
        options.chunkSize());
  }
}
