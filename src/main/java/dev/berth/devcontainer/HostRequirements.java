package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dev container asks of the host machine. berth does not check these; it warns that they are
 * there. Sizes are kept as written ({@code "8gb"}); a merged value holds a byte count, as the
 * reference CLI writes it.
 */
public record HostRequirements(
    Optional<Integer> cpus, Optional<String> memory, Optional<String> storage, Optional<Gpu> gpu) {

  private static final Pattern BYTES = Pattern.compile("(\\d+)([tgmk]b)?");

  public HostRequirements {
    Objects.requireNonNull(cpus, "cpus");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(gpu, "gpu");
  }

  /** A GPU requirement: {@code true}, {@code "optional"}, or {@code {cores, memory}}. */
  public record Gpu(Kind kind, Optional<Integer> cores, Optional<String> memory) {
    /** Which of the three forms. */
    public enum Kind {
      REQUIRED,
      OPTIONAL,
      DETAILED
    }

    JsonNode toJson() {
      return switch (kind) {
        case REQUIRED -> Json.NODES.booleanNode(true);
        case OPTIONAL -> Json.NODES.textNode("optional");
        case DETAILED -> {
          ObjectNode o = Json.object();
          cores.ifPresent(c -> o.put("cores", c));
          memory.ifPresent(m -> o.put("memory", m));
          yield o;
        }
      };
    }

    private static Gpu merge(Gpu a, Gpu b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      if (a.kind == Kind.OPTIONAL && b.kind == Kind.OPTIONAL) {
        return a;
      }
      int cores = Math.max(a.cores.orElse(0), b.cores.orElse(0));
      long memory = Math.max(bytes(a.memory), bytes(b.memory));
      return new Gpu(
          Kind.DETAILED,
          cores > 0 ? Optional.of(cores) : Optional.empty(),
          memory > 0 ? Optional.of(Long.toString(memory)) : Optional.empty());
    }
  }

  /** {@code "8gb"} as bytes; 0 for nothing or for text of another form, as the reference CLI. */
  static long bytes(Optional<String> size) {
    if (size.isEmpty()) {
      return 0;
    }
    Matcher m = BYTES.matcher(size.get());
    if (!m.matches()) {
      return 0;
    }
    long unit =
        m.group(2) == null
            ? 1
            : switch (m.group(2).charAt(0)) {
              case 't' -> 1L << 40;
              case 'g' -> 1L << 30;
              case 'm' -> 1L << 20;
              default -> 1L << 10;
            };
    return Long.parseLong(m.group(1)) * unit;
  }

  /**
   * The largest of each requirement, as the reference CLI merges them; empty when none asks for
   * anything.
   */
  static Optional<HostRequirements> merge(List<HostRequirements> all) {
    int cpus = 0;
    long memory = 0;
    long storage = 0;
    Gpu gpu = null;
    for (HostRequirements h : all) {
      cpus = Math.max(cpus, h.cpus.orElse(0));
      memory = Math.max(memory, bytes(h.memory));
      storage = Math.max(storage, bytes(h.storage));
      gpu = Gpu.merge(gpu, h.gpu.orElse(null));
    }
    if (cpus == 0 && memory == 0 && storage == 0 && gpu == null) {
      return Optional.empty();
    }
    return Optional.of(
        new HostRequirements(
            Optional.of(cpus),
            memory > 0 ? Optional.of(Long.toString(memory)) : Optional.empty(),
            storage > 0 ? Optional.of(Long.toString(storage)) : Optional.empty(),
            Optional.ofNullable(gpu)));
  }

  JsonNode toJson() {
    ObjectNode o = Json.object();
    cpus.ifPresent(c -> o.put("cpus", c));
    memory.ifPresent(m -> o.put("memory", m));
    storage.ifPresent(s -> o.put("storage", s));
    gpu.ifPresent(g -> o.set("gpu", g.toJson()));
    return o;
  }

  static HostRequirements read(JsonNode v, String pointer, Findings findings) {
    if (!v.isObject()) {
      findings.error(pointer, "bad-type", "hostRequirements: expected an object");
      return null;
    }
    Optional<Integer> cpus = Optional.empty();
    JsonNode c = v.get("cpus");
    if (c != null) {
      if (c.isIntegralNumber()) {
        cpus = Optional.of(c.intValue());
      } else {
        findings.error(JsoncDocument.child(pointer, "cpus"), "bad-type", "cpus: expected a number");
      }
    }
    Optional<Gpu> gpu = Optional.empty();
    JsonNode g = v.get("gpu");
    if (g != null) {
      if (g.isBoolean()) {
        gpu =
            g.booleanValue()
                ? Optional.of(new Gpu(Gpu.Kind.REQUIRED, Optional.empty(), Optional.empty()))
                : Optional.empty();
      } else if (g.isTextual() && g.textValue().equals("optional")) {
        gpu = Optional.of(new Gpu(Gpu.Kind.OPTIONAL, Optional.empty(), Optional.empty()));
      } else if (g.isObject()) {
        JsonNode cores = g.get("cores");
        JsonNode mem = g.get("memory");
        gpu =
            Optional.of(
                new Gpu(
                    Gpu.Kind.DETAILED,
                    cores != null && cores.isIntegralNumber()
                        ? Optional.of(cores.intValue())
                        : Optional.empty(),
                    mem != null && mem.isTextual()
                        ? Optional.of(mem.textValue())
                        : Optional.empty()));
      } else {
        findings.error(
            JsoncDocument.child(pointer, "gpu"),
            "bad-type",
            "gpu: expected true, false, \"optional\" or {cores, memory}");
      }
    }
    return new HostRequirements(
        cpus, size(v, "memory", pointer, findings), size(v, "storage", pointer, findings), gpu);
  }

  private static Optional<String> size(JsonNode v, String key, String pointer, Findings findings) {
    JsonNode s = v.get(key);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.isTextual()) {
      findings.error(
          JsoncDocument.child(pointer, key), "bad-type", key + ": expected a size such as \"8gb\"");
      return Optional.empty();
    }
    return Optional.of(s.textValue());
  }
}
