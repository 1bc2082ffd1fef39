package dev.berth.rootless;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run this same berth again from another process (conmon's exit command, berth inside its
 * user namespace): the JVM that runs now, with berth's jar, or its class path when it runs from
 * classes (in tests).
 */
public final class SelfCommand {

  private SelfCommand() {}

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
