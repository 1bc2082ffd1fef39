package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.store.StoreRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * berth's settings and where each came from: a {@code BERTH_*} variable, the config file ({@link
 * ConfigFile}) or the built-in default, in that order; a command's flag ({@code --root}, {@code
 * --progress}, {@code --network}) beats all three and is applied by the CLI.
 *
 * @param config the config file, found or not
 * @param root the store ({@code BERTH_ROOT}, {@code root})
 * @param runtime auto, crun, runc or chroot ({@code BERTH_RUNTIME}, {@code runtime})
 * @param network run's and create's network ({@code BERTH_NETWORK}, {@code network})
 * @param parallelism stages built at once ({@code BERTH_PARALLELISM}, {@code parallelism})
 * @param progress a build's progress style ({@code BERTH_PROGRESS}, {@code progress})
 */
public record Settings(
    ConfigFile config,
    Setting<Path> root,
    Setting<String> runtime,
    Setting<String> network,
    Setting<Integer> parallelism,
    Setting<String> progress) {

  public static final String ROOT_ENV = "BERTH_ROOT";
  public static final String RUNTIME_ENV = "BERTH_RUNTIME";
  public static final String NETWORK_ENV = "BERTH_NETWORK";
  public static final String PARALLELISM_ENV = "BERTH_PARALLELISM";
  public static final String PROGRESS_ENV = "BERTH_PROGRESS";

  /** Where a setting's value came from. */
  public enum Source {
    ENV,
    CONFIG,
    DEFAULT
  }

  /** One setting: its value and, for {@code berth info}, its source ({@code from}). */
  public record Setting<T>(T value, Source source, String from) {}

  /** The settings for this process's environment and effective user. */
  public static Settings current(Map<String, String> env) throws BerthException {
    long uid;
    try {
      // /proc/self belongs to the process's effective uid.
      uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException e) {
      throw BerthException.invalid("cannot tell the effective user: " + e.getMessage(), e);
    }
    return resolve(env, uid, ConfigFile.load(env), Runtime.getRuntime().availableProcessors());
  }

  /** The settings for {@code env}, the user {@code uid}, a config file and a machine's CPUs. */
  static Settings resolve(Map<String, String> env, long uid, ConfigFile config, int cpus)
      throws BerthException {
    String file = config.file().toString();
    Setting<Path> root;
    String rootEnv = env.get(ROOT_ENV);
    if (rootEnv != null && !rootEnv.isEmpty()) {
      root = new Setting<>(Path.of(rootEnv), Source.ENV, ROOT_ENV);
    } else if (config.root().isPresent()) {
      root = new Setting<>(config.root().get(), Source.CONFIG, file);
    } else {
      try {
        root = new Setting<>(StoreRoot.resolve(env, uid), Source.DEFAULT, "default");
      } catch (IllegalArgumentException e) {
        throw BerthException.invalid(e.getMessage());
      }
    }
    Setting<String> runtime =
        text(env, RUNTIME_ENV, config.runtime(), file, "auto", ConfigFile.RUNTIMES);
    Setting<String> network = text(env, NETWORK_ENV, config.network(), file, "berth", List.of());
    Setting<String> progress =
        text(env, PROGRESS_ENV, config.progress(), file, "auto", ConfigFile.PROGRESS);
    Setting<Integer> parallelism;
    String p = env.get(PARALLELISM_ENV);
    if (p != null && !p.isEmpty()) {
      int n;
      try {
        n = Integer.parseInt(p.strip());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1 || n > 1024) {
        throw BerthException.invalid(
            PARALLELISM_ENV + " must be a whole number from 1 to 1024, not '" + p + "'");
      }
      parallelism = new Setting<>(n, Source.ENV, PARALLELISM_ENV);
    } else if (config.parallelism().isPresent()) {
      parallelism = new Setting<>(config.parallelism().get(), Source.CONFIG, file);
    } else {
      parallelism = new Setting<>(Math.max(1, cpus), Source.DEFAULT, "default");
    }
    return new Settings(config, root, runtime, network, parallelism, progress);
  }

  private static Setting<String> text(
      Map<String, String> env,
      String var,
      Optional<String> configured,
      String file,
      String fallback,
      List<String> allowed)
      throws BerthException {
    String v = env.get(var);
    if (v != null && !v.isEmpty()) {
      if (!allowed.isEmpty() && !allowed.contains(v)) {
        throw BerthException.invalid(
            var + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
      }
      return new Setting<>(v, Source.ENV, var);
    }
    if (configured.isPresent()) {
      return new Setting<>(configured.get(), Source.CONFIG, file);
    }
    return new Setting<>(fallback, Source.DEFAULT, "default");
  }
}
