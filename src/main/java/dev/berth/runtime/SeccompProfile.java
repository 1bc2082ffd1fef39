package dev.berth.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A seccomp filter in the OCI runtime spec's form ({@code linux.seccomp}): the action for a system
 * call no rule matches, the architectures it covers, and rules that match calls by name and, where
 * given, by their arguments. The runtime (crun or runc, through libseccomp) compiles it; berth only
 * writes it.
 */
public record SeccompProfile(
    String defaultAction,
    Optional<Integer> defaultErrnoRet,
    List<String> architectures,
    List<String> flags,
    List<Rule> syscalls) {

  /** libseccomp's actions, as the runtime spec names them. */
  public static final Set<String> ACTIONS =
      Set.of(
          "SCMP_ACT_KILL",
          "SCMP_ACT_KILL_PROCESS",
          "SCMP_ACT_KILL_THREAD",
          "SCMP_ACT_TRAP",
          "SCMP_ACT_ERRNO",
          "SCMP_ACT_TRACE",
          "SCMP_ACT_ALLOW",
          "SCMP_ACT_LOG",
          "SCMP_ACT_NOTIFY");

  /** libseccomp's argument comparisons. */
  public static final Set<String> OPERATORS =
      Set.of(
          "SCMP_CMP_NE",
          "SCMP_CMP_LT",
          "SCMP_CMP_LE",
          "SCMP_CMP_EQ",
          "SCMP_CMP_GE",
          "SCMP_CMP_GT",
          "SCMP_CMP_MASKED_EQ");

  /** EPERM, what a call docker's profile refuses returns. */
  public static final int EPERM = 1;

  /** ENOSYS: "no such call", which makes a C library fall back to an older one. */
  public static final int ENOSYS = 38;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  public SeccompProfile {
    requireKnown(defaultAction, ACTIONS, "action");
    Objects.requireNonNull(defaultErrnoRet, "defaultErrnoRet");
    architectures = List.copyOf(architectures);
    flags = List.copyOf(flags);
    syscalls = List.copyOf(syscalls);
  }

  /**
   * Calls named {@code names} get {@code action} (with {@code errnoRet} for {@code SCMP_ACT_ERRNO})
   * when every one of {@code args} holds.
   */
  public record Rule(
      List<String> names, String action, Optional<Integer> errnoRet, List<ArgCondition> args) {
    public Rule {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a seccomp rule names at least one system call");
      }
      requireKnown(action, ACTIONS, "action");
      Objects.requireNonNull(errnoRet, "errnoRet");
      args = List.copyOf(args);
    }
  }

  /**
   * Argument {@code index} compared by {@code op} with {@code value}; for {@code
   * SCMP_CMP_MASKED_EQ}, {@code (arg & value) == valueTwo}.
   */
  public record ArgCondition(int index, long value, long valueTwo, String op) {
    public ArgCondition {
      if (index < 0 || index > 5) {
        throw new IllegalArgumentException("a system call argument index is 0 to 5, not " + index);
      }
      requireKnown(op, OPERATORS, "operator");
    }
  }

  /**
   * The architectures a profile for this machine covers: its own and the ones its kernel also runs
   * (32-bit x86 and x32 beside x86_64, 32-bit ARM beside arm64), as docker's default lists them, so
   * that a call made through another ABI meets the same rules.
   */
  public static List<String> nativeArchitectures() {
    return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
      case "aarch64", "arm64" -> List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
      case "ppc64le" -> List.of("SCMP_ARCH_PPC64LE");
      case "s390x" -> List.of("SCMP_ARCH_S390X", "SCMP_ARCH_S390");
      case "riscv64" -> List.of("SCMP_ARCH_RISCV64");
      default -> List.of();
    };
  }

  /** The OCI {@code linux.seccomp} object. */
  public ObjectNode toOci() {
    ObjectNode o = JSON.objectNode();
    o.put("defaultAction", defaultAction);
    defaultErrnoRet.ifPresent(e -> o.put("defaultErrnoRet", e));
    if (!architectures.isEmpty()) {
      ArrayNode a = o.putArray("architectures");
      architectures.forEach(a::add);
    }
    if (!flags.isEmpty()) {
      ArrayNode f = o.putArray("flags");
      flags.forEach(f::add);
    }
    ArrayNode calls = o.putArray("syscalls");
    for (Rule r : syscalls) {
      ObjectNode c = calls.addObject();
      ArrayNode names = c.putArray("names");
      r.names().forEach(names::add);
      c.put("action", r.action());
      r.errnoRet().ifPresent(e -> c.put("errnoRet", e));
      if (!r.args().isEmpty()) {
        ArrayNode args = c.putArray("args");
        for (ArgCondition a : r.args()) {
          args.addObject()
              .put("index", a.index())
              .put("value", a.value())
              .put("valueTwo", a.valueTwo())
              .put("op", a.op());
        }
      }
    }
    return o;
  }

  /** A profile {@link #toOci} wrote, read back (from a container's record). */
  public static SeccompProfile fromOci(JsonNode o) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode c : o.path("syscalls")) {
      List<ArgCondition> args = new ArrayList<>();
      for (JsonNode a : c.path("args")) {
        args.add(
            new ArgCondition(
                a.path("index").asInt(),
                a.path("value").asLong(),
                a.path("valueTwo").asLong(),
                a.path("op").asText()));
      }
      rules.add(new Rule(texts(c.path("names")), c.path("action").asText(), errno(c), args));
    }
    return new SeccompProfile(
        o.path("defaultAction").asText(),
        o.has("defaultErrnoRet")
            ? Optional.of(o.path("defaultErrnoRet").asInt())
            : Optional.empty(),
        texts(o.path("architectures")),
        texts(o.path("flags")),
        rules);
  }

  private static Optional<Integer> errno(JsonNode c) {
    return c.has("errnoRet") ? Optional.of(c.path("errnoRet").asInt()) : Optional.empty();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void requireKnown(String value, Set<String> known, String what) {
    Objects.requireNonNull(value, what);
    if (!known.contains(value)) {
      throw new IllegalArgumentException(
          "unknown seccomp "
              + what
              + " '"
              + value
              + "' (one of "
              + String.join(", ", sorted(known))
              + ")");
    }
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
