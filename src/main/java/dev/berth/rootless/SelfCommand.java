package dev.berth.rootless;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** The command that runs berth again with {@code args}, with the JIT bin/berth picks for them. */
  public static List<String> argv(List<String> args) {
    List<String> argv = new ArrayList<>(argv());
    int at = argv.indexOf("-XX:TieredStopAtLevel=1");
    if (at >= 0) {
      argv.remove(at);
      argv.addAll(at, jitOptions(args.isEmpty() ? "" : args.get(0)));
    }
    argv.addAll(args);
    return List.copyOf(argv);
  }

  /**
   * bin/berth's JIT for a command (its comment says why): C2 for pull, push and save, which hash
   * (and compress) every byte of every layer they move; C2 for only the hottest code in commands
   * that write layers; C1 alone for the rest.
   */
  static List<String> jitOptions(String command) {
    return switch (command) {
      case "pull", "push", "save" -> List.of();
      case "build", "import", "load", "compose", "dev" ->
          List.of(
              "-XX:Tier4InvocationThreshold=50000",
              "-XX:Tier4CompileThreshold=60000",
              "-XX:Tier4BackEdgeThreshold=400000");
      default -> List.of("-XX:TieredStopAtLevel=1");
    };
  }

  public static List<String> argv() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Path code =
          Path.of(SelfCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        // bin/berth's options (its comment says why).
        List<String> argv =
            new ArrayList<>(
                List.of(
                    java,
                    "-XX:+UseSerialGC",
                    "-Xms16m",
                    "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto"));
        // The class archive beside the jar, as bin/berth uses it (ignored by a JVM it does not
        // fit).
        String name = code.getFileName().toString();
        Path archive = code.resolveSibling(name.replaceFirst("\\.jar$", "") + ".jsa");
        if (name.endsWith(".jar") && Files.isRegularFile(archive)) {
          argv.addAll(
              List.of(
                  "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        argv.addAll(List.of("-jar", code.toString()));
        return List.copyOf(argv);
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through to the class path
    }
    return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main");
  }
}
