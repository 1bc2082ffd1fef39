package dev.berth.devcontainer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels that identify a workspace's dev container, and the {@code ${devcontainerId}} derived
 * from them exactly as the reference CLI derives it: SHA-256 of {@code JSON.stringify} of the
 * labels with sorted keys, written in base 32 and padded to 52 digits.
 */
public final class DevcontainerId {

  /** The label holding the workspace folder (as given, made absolute). */
  public static final String LOCAL_FOLDER_LABEL = "devcontainer.local_folder";

  /** The label holding the config file's path. */
  public static final String CONFIG_FILE_LABEL = "devcontainer.config_file";

  private DevcontainerId() {}

  /** The labels the reference CLI infers when no {@code --id-label} is given. */
  public static Map<String, String> defaultLabels(Path workspaceFolder, Path configFile) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LOCAL_FOLDER_LABEL, workspaceFolder.toAbsolutePath().normalize().toString());
    labels.put(CONFIG_FILE_LABEL, configFile.toAbsolutePath().normalize().toString());
    return labels;
  }

  /** The ID for a set of labels; their order does not matter. */
  public static String of(Map<String, String> idLabels) {
    StringBuilder json = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(idLabels).entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
    }
    json.append('}');
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(json.toString().getBytes(StandardCharsets.UTF_8));
      String base32 = new BigInteger(1, hash).toString(32);
      return "0".repeat(Math.max(0, 52 - base32.length())) + base32;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
