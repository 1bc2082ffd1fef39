package dev.berth.rootless;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run this same berth again from another process (conmon's exit command, berth inside its
 * user namespace): the JVM that runs now, with berth's jar, or its class path when it runs from
 * classes (in tests).
 */
public final class SelfCommand {

  private SelfCommand() {}

  /**
   * What the environment of another berth must add: a UTF-8 locale where this one has none (a CI
   * job's empty {@code LANG}), or the JVM could not name files such as {@code Főtanúsítvány.pem} in
   * a layer.
   */
  public static Map<String, String> environment() {
    String names = System.getProperty("sun.jnu.encoding", "");
    return names.equalsIgnoreCase("UTF-8") ? Map.of() : Map.of("LC_ALL", "C.UTF-8");
  }

  public static List<String> argv() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Path code =
          Path.of(SelfCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-jar", code.toString());
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through to the class path
    }
    return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main");
  }
}
