package dev.berth.devcontainer;

import dev.berth.image.ImageReference;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a Feature comes from: a folder next to the devcontainer.json, or an OCI artifact that the
 * caller fetches through a registry client. Other sources the specification knows (tarball URLs,
 * GitHub releases, the old short names) are refused with a message naming the Feature.
 */
public sealed interface FeatureReference {

  /** The identifier as devcontainer.json wrote it, such as {@code ./my-feature}. */
  String userFeatureId();

  /** A Feature in a folder of the workspace's {@code .devcontainer} folder. */
  record Local(String userFeatureId, Path directory) implements FeatureReference {
    public Local {
      Objects.requireNonNull(userFeatureId, "userFeatureId");
      Objects.requireNonNull(directory, "directory");
    }
  }

  /**
   * A Feature published to an OCI registry: {@code registry/namespace/id[:tag|@digest]}, such as
   * {@code ghcr.io/devcontainers/features/node:1}.
   *
   * @param namespace the repository path between the registry and the id ({@code
   *     devcontainers/features})
   */
  record Oci(
      String userFeatureId,
      String registry,
      String namespace,
      String id,
      Optional<String> tag,
      Optional<String> digest)
      implements FeatureReference {
    public Oci {
      Objects.requireNonNull(userFeatureId, "userFeatureId");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(digest, "digest");
    }

    /** The repository path in the registry: {@code namespace/id}. */
    public String path() {
      return namespace + "/" + id;
    }

    /** {@code registry/namespace/id}: the Feature without its version. */
    public String resource() {
      return registry + "/" + path();
    }

    /** The digest when pinned to one, otherwise the tag ({@code latest} when none is given). */
    public String version() {
      return digest.orElse(tag.orElse("latest"));
    }

    /** The reference to fetch: {@code resource:tag} or {@code resource@digest}. */
    public String reference() {
      return resource() + digest.map(d -> "@" + d).orElse(":" + tag.orElse("latest"));
    }

    /** The artifact's reference in the form berth's registry client takes. */
    public ImageReference imageReference() {
      return ImageReference.parse(reference());
    }
  }

  Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  Pattern PATH = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
  Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

  /** The old short names the reference CLI maps to {@code ghcr.io/devcontainers/features}. */
  Map<String, String> LEGACY_NAMES =
      Map.ofEntries(
          Map.entry("aws-cli", "aws-cli"),
          Map.entry("azure-cli", "azure-cli"),
          Map.entry("desktop-lite", "desktop-lite"),
          Map.entry("docker-in-docker", "docker-in-docker"),
          Map.entry("docker-from-docker", "docker-outside-of-docker"),
          Map.entry("dotnet", "dotnet"),
          Map.entry("git", "git"),
          Map.entry("git-lfs", "git-lfs"),
          Map.entry("github-cli", "github-cli"),
          Map.entry("java", "java"),
          Map.entry("kubectl-helm-minikube", "kubectl-helm-minikube"),
          Map.entry("node", "node"),
          Map.entry("powershell", "powershell"),
          Map.entry("python", "python"),
          Map.entry("ruby", "ruby"),
          Map.entry("rust", "rust"),
          Map.entry("sshd", "sshd"),
          Map.entry("terraform", "terraform"),
          Map.entry("golang", "go"),
          Map.entry("common", "common-utils"),
          Map.entry("gradle", "java"),
          Map.entry("maven", "java"),
          Map.entry("jupyterlab", "python"));

  /**
   * Reads an identifier from the {@code features} object.
   *
   * @param configFile the devcontainer.json, which local paths are relative to
   * @param workspaceFolder whose {@code .devcontainer} folder local Features must be inside
   * @throws IllegalArgumentException saying why the Feature cannot be used
   */
  static FeatureReference parse(String userFeatureId, Path configFile, Path workspaceFolder) {
    String id = userFeatureId;
    if (id.startsWith("https://") || id.startsWith("http://")) {
      throw new IllegalArgumentException(
          "Features referenced by a tarball URL are not supported by berth; publish the Feature to"
              + " an OCI registry or copy it into .devcontainer/ and use its relative path");
    }
    if (id.startsWith("./") || id.startsWith("../")) {
      Path dir = configFile.toAbsolutePath().getParent().resolve(id).normalize();
      Path allowed = workspaceFolder.toAbsolutePath().normalize().resolve(".devcontainer");
      if (!dir.startsWith(allowed)) {
        throw new IllegalArgumentException(
            "a local Feature must be in a folder inside " + allowed + ", not " + dir);
      }
      return new Local(userFeatureId, dir);
    }
    if (id.startsWith("/")) {
      throw new IllegalArgumentException(
          "an absolute path is not allowed; give a path relative to devcontainer.json, starting"
              + " with ./");
    }
    if (!id.contains("/")) {
      String mapped = LEGACY_NAMES.get(id);
      throw new IllegalArgumentException(
          "short Feature names are not supported"
              + (mapped == null
                  ? "; use a local ./" + id + " folder or an OCI reference"
                  : "; use ghcr.io/devcontainers/features/" + mapped + ":1"));
    }
    return parseOci(userFeatureId);
  }

  private static Oci parseOci(String userFeatureId) {
    String s = userFeatureId.toLowerCase(Locale.ROOT);
    String first = s.substring(0, s.indexOf('/'));
    if (!first.contains(".") && !first.startsWith("localhost")) {
      throw new IllegalArgumentException(
          "'"
              + first
              + "' is not a registry host, and Features from GitHub releases (owner/repo/feature)"
              + " are not supported by berth; use an OCI reference such as"
              + " ghcr.io/owner/repo/feature:1");
    }
    String resource;
    Optional<String> tag = Optional.empty();
    Optional<String> digest = Optional.empty();
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      resource = s.substring(0, at);
      String d = s.substring(at + 1);
      if (!SHA256.matcher(d).matches()) {
        throw new IllegalArgumentException(
            "the digest '" + d + "' is not sha256: followed by 64 hex digits");
      }
      digest = Optional.of(d);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon > s.lastIndexOf('/')) {
        resource = s.substring(0, colon);
        tag = Optional.of(s.substring(colon + 1));
        if (!TAG.matcher(tag.get()).matches()) {
          throw new IllegalArgumentException("the tag '" + tag.get() + "' is not a valid tag");
        }
      } else {
        resource = s;
      }
    }
    String[] parts = resource.split("/", -1);
    String registry = parts[0];
    if (parts.length < 3) {
      throw new IllegalArgumentException(
          "expected registry/namespace/feature, such as ghcr.io/devcontainers/features/node:1");
    }
    String path = resource.substring(registry.length() + 1);
    if (!PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "the path '" + path + "' is not lowercase letters and digits separated by . _ - or /");
    }
    int lastSlash = path.lastIndexOf('/');
    return new Oci(
        userFeatureId,
        registry,
        path.substring(0, lastSlash),
        path.substring(lastSlash + 1),
        tag,
        digest);
  }
}
