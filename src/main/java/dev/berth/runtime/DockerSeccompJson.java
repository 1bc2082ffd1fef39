package dev.berth.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.runtime.SeccompProfile.ArgCondition;
import dev.berth.runtime.SeccompProfile.Rule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A seccomp profile in docker's format ({@code --security-opt seccomp=PROFILE.json}), read and
 * turned into the OCI form for one container the way docker's daemon does it: a rule whose {@code
 * includes} names capabilities the container lacks (all of them must be held), or an architecture
 * or kernel it does not run on, is left out, as is one whose {@code excludes} matches; {@code
 * archMap} gives the architectures of this machine's entry. Unknown fields are ignored, as Go's
 * JSON reader does.
 */
public final class DockerSeccompJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

  /** docker's profile document, as its JSON reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Profile(
      Action defaultAction,
      Integer defaultErrnoRet,
      List<Arch> architectures,
      List<ArchMap> archMap,
      List<Syscall> syscalls,
      List<String> flags,
      String listenerPath) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ArchMap(Arch architecture, List<Arch> subArchitectures) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Syscall(
      String name,
      List<String> names,
      Action action,
      Integer errnoRet,
      List<Arg> args,
      Filter includes,
      Filter excludes) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Filter(List<String> caps, List<String> arches, String minKernel) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Arg(int index, long value, long valueTwo, Op op) {}

  /** A libseccomp action name, checked where the file spells it. */
  record Action(String name) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Action of(String name) {
      known(name, SeccompProfile.ACTIONS, "action");
      return new Action(name);
    }
  }

  /** A libseccomp comparison name, checked where the file spells it. */
  record Op(String name) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Op of(String name) {
      known(name, SeccompProfile.OPERATORS, "operator");
      return new Op(name);
    }
  }

  /** A libseccomp architecture name ({@code SCMP_ARCH_...}). */
  record Arch(String name) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Arch of(String name) {
      if (name == null || !name.startsWith("SCMP_ARCH_")) {
        throw new IllegalArgumentException(
            "unknown seccomp architecture '"
                + name
                + "' (SCMP_ARCH_X86_64, SCMP_ARCH_AARCH64, ...)");
      }
      return new Arch(name);
    }
  }

  private final Profile profile;
  private final String file;

  private DockerSeccompJson(Profile profile, String file) {
    this.profile = profile;
    this.file = file;
  }

  /**
   * Reads {@code json}; errors name {@code file} and, where they have one, the line.
   *
   * @throws BerthException INVALID_INPUT for bad JSON or a field docker's format does not allow
   */
  public static DockerSeccompJson parse(byte[] json, String file) throws BerthException {
    Profile p;
    try {
      p = MAPPER.readValue(json, Profile.class);
    } catch (JsonProcessingException e) {
      throw error(file, e);
    } catch (IOException e) {
      throw BerthException.invalid(file + ": cannot read the seccomp profile: " + e.getMessage());
    }
    if (p == null) {
      throw located(file, "a seccomp profile is a JSON object, not null", null);
    }
    if (p.defaultAction() == null) {
      throw located(file, "the seccomp profile has no defaultAction", null);
    }
    if (p.architectures() != null
        && !p.architectures().isEmpty()
        && p.archMap() != null
        && !p.archMap().isEmpty()) {
      throw located(
          file, "the seccomp profile gives both 'architectures' and 'archMap' (one only)", null);
    }
    if (p.listenerPath() != null && !p.listenerPath().isEmpty()) {
      throw located(file, "berth does not support seccomp notify listeners (listenerPath)", null);
    }
    for (Syscall s : list(p.syscalls())) {
      if (s == null) {
        throw located(file, "a syscalls entry is null", null);
      }
      if (s.name() != null && !s.name().isEmpty() && !list(s.names()).isEmpty()) {
        throw located(
            file, "a syscalls entry gives both 'name' and 'names' (" + s.name() + ")", null);
      }
      if ((s.name() == null || s.name().isEmpty()) && list(s.names()).isEmpty()) {
        throw located(file, "a syscalls entry names no system call", null);
      }
      if (s.action() == null) {
        throw located(file, "the syscalls entry for " + names(s) + " has no action", null);
      }
    }
    return new DockerSeccompJson(p, file);
  }

  /**
   * The OCI profile for a container holding {@code capabilities} on a kernel of {@code release}
   * ({@code uname -r}), on this machine's architecture.
   */
  public SeccompProfile resolve(List<String> capabilities, String release) throws BerthException {
    String goArch = goArch();
    List<String> archs = new ArrayList<>();
    list(profile.architectures()).forEach(a -> archs.add(a.name()));
    String nativeArch =
        SeccompProfile.nativeArchitectures().isEmpty()
            ? ""
            : SeccompProfile.nativeArchitectures().get(0);
    for (ArchMap m : list(profile.archMap())) {
      if (m.architecture() != null && m.architecture().name().equals(nativeArch)) {
        archs.add(m.architecture().name());
        list(m.subArchitectures()).forEach(a -> archs.add(a.name()));
      }
    }
    List<Rule> rules = new ArrayList<>();
    for (Syscall s : list(profile.syscalls())) {
      if (!applies(s, capabilities, goArch, release)) {
        continue;
      }
      List<ArgCondition> args = new ArrayList<>();
      for (Arg a : list(s.args())) {
        if (a.op() == null) {
          throw located(file, "an argument rule for " + names(s) + " has no op", null);
        }
        try {
          args.add(new ArgCondition(a.index(), a.value(), a.valueTwo(), a.op().name()));
        } catch (IllegalArgumentException e) {
          throw located(file, names(s) + ": " + e.getMessage(), null);
        }
      }
      rules.add(new Rule(names(s), s.action().name(), Optional.ofNullable(s.errnoRet()), args));
    }
    return new SeccompProfile(
        profile.defaultAction().name(),
        Optional.ofNullable(profile.defaultErrnoRet()),
        archs,
        list(profile.flags()),
        rules);
  }

  private boolean applies(Syscall s, List<String> caps, String goArch, String release)
      throws BerthException {
    Filter in = s.includes();
    if (in != null) {
      if (!list(in.arches()).isEmpty() && !in.arches().contains(goArch)) {
        return false;
      }
      if (!caps.containsAll(list(in.caps()))) {
        return false;
      }
      if (in.minKernel() != null && !in.minKernel().isEmpty()) {
        if (compare(kernel(release), kernel(in.minKernel())) < 0) {
          return false;
        }
      }
    }
    Filter out = s.excludes();
    if (out != null) {
      if (list(out.arches()).contains(goArch)) {
        return false;
      }
      if (list(out.caps()).stream().anyMatch(caps::contains)) {
        return false;
      }
      if (out.minKernel() != null && !out.minKernel().isEmpty()) {
        if (compare(kernel(release), kernel(out.minKernel())) >= 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code major.minor} of a kernel release such as {@code 6.1.0-18-amd64}. */
  private int[] kernel(String release) throws BerthException {
    String[] parts = release.split("[.\\-+]");
    try {
      return new int[] {
        Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0
      };
    } catch (NumberFormatException e) {
      throw located(
          file, "minKernel '" + release + "' is not a kernel version (such as 4.8)", null);
    }
  }

  private static int compare(int[] a, int[] b) {
    return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
  }

  /** Go's name for this machine's architecture, as docker's {@code arches} filters use it. */
  static String goArch() {
    String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (a) {
      case "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }

  private static List<String> names(Syscall s) {
    return s.name() != null && !s.name().isEmpty() ? List.of(s.name()) : List.copyOf(s.names());
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static void known(String value, java.util.Set<String> known, String what) {
    if (value == null || !known.contains(value)) {
      throw new IllegalArgumentException(
          "unknown seccomp "
              + what
              + " '"
              + value
              + "' (one of "
              + String.join(", ", known.stream().sorted().toList())
              + ")");
    }
  }

  private static BerthException error(String file, JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException c) {
      message = c.getMessage();
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    String prefix =
        e instanceof com.fasterxml.jackson.core.JsonParseException ? "invalid JSON: " : "";
    return located(file, prefix + message, e.getLocation());
  }

  private static BerthException located(String file, String message, JsonLocation at) {
    SourceRange range =
        at == null || at.getLineNr() < 1
            ? SourceRange.file(file)
            : SourceRange.at(file, at.getLineNr(), Math.max(1, at.getColumnNr()));
    return BerthException.error("seccomp-profile", message, range);
  }
}
