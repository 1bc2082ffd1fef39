package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.LoadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * berth's {@code compose config --format json} against Debian's {@code docker-compose config}
 * (1.29), case by case (src/test/resources/compose/cases/), compared field by field once both are
 * brought to one shape. docker-compose 1.29 predates the Compose Specification's canonical form, so
 * these differences are normalised away, each for the reason given:
 *
 * <ol>
 *   <li>{@code version}: 1.29 writes the file format version; v2 drops the obsolete key.
 *   <li>{@code name}: 1.29 prints no project name.
 *   <li>the implicit {@code default} network (a service's {@code networks: {default: null}}, the
 *       top-level {@code default: {name: <project>_default}}): v2 adds it, 1.29 does not.
 *   <li>top-level {@code name: <project>_<key>} of networks and volumes and an empty {@code ipam}:
 *       v2 fills them in.
 *   <li>{@code "command": null} and {@code "entrypoint": null}: v2's JSON writes unset commands.
 *   <li>string {@code command}/{@code entrypoint}: 1.29 keeps the string, v2 splits it into words.
 *   <li>ports: 1.29 prints short forms with an IP as strings, omits {@code protocol: tcp} and
 *       {@code mode: ingress}, and writes {@code published} as a number; v2 writes the long form.
 *   <li>volumes: 1.29 prints short forms as strings; v2 writes the long form with {@code
 *       bind.create_host_path: true} and {@code volume: {}}.
 *   <li>{@code environment} values: 1.29 keeps YAML numbers, v2 makes every value a string.
 *   <li>{@code build.dockerfile}: v2 fills in {@code Dockerfile} when it is not given.
 *   <li>{@code depends_on}: v2 adds {@code required: true}.
 *   <li>{@code healthcheck}: 1.29 keeps a string test and prints durations in seconds ({@code 90s})
 *       and {@code disable: true} as {@code test: [NONE]}; v2 writes {@code [CMD-SHELL, ...]}, Go
 *       durations ({@code 1m30s}) and {@code disable: true}. Durations are compared as nanoseconds.
 *   <li>profiles: 1.29 prints every service; v2 only those the active profiles enable.
 *   <li>{@code x-} keys inside a service: v2's JSON leaves them out.
 *   <li>{@code $}: 1.29 writes a literal {@code $} as {@code $$} so that its output reads back.
 *   <li>{@code extra_hosts}: 1.29 keeps {@code host:ip}, v2 writes {@code host=ip}.
 *   <li>{@code deploy}: v2's JSON writes empty {@code resources} and {@code placement}.
 * </ol>
 */
class ComposeConfigIT {

  private static final Path CASES = Path.of("src/test/resources/compose/cases");

  @TempDir Path tmp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s
          .filter(Files::isDirectory)
          .filter(d -> !Files.exists(d.resolve("berth-only")))
          .filter(d -> !Files.exists(d.resolve("expected-error.txt")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void configMatchesDockerCompose129(String name) throws Exception {
    Tools.require("docker-compose", "compose config is compared with docker-compose 1.29");
    Path dir = tmp.resolve(name);
    Berth.exec("cp", "-r", CASES.resolve(name).toAbsolutePath().toString(), dir.toString()).ok();
    Map<String, String> env = readEnv(dir.resolve("env"));
    List<String> args = readArgs(dir.resolve("args"));

    List<String> command = new ArrayList<>(List.of("docker-compose"));
    command.addAll(args);
    command.add("config");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("docker-compose config in %s", name).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> theirs =
        (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out);

    ComposeProject project = ComposeLoader.load(options(dir, env, args));
    @SuppressWarnings("unchecked")
    Map<String, Object> ours = new ObjectMapper().readValue(project.toJson(), Map.class);

    Object expected = normaliseTheirs(theirs, project.activeProfiles());
    Object actual = normaliseOurs(ours, project.name());
    List<String> differences = new ArrayList<>();
    diff("", expected, actual, differences);
    assertThat(differences).as("fields that differ (docker-compose 1.29 vs berth)").isEmpty();
  }

  static LoadOptions options(Path dir, Map<String, String> env, List<String> args) {
    LoadOptions o = LoadOptions.of(dir, env);
    List<String> files = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    List<Path> envFiles = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "-f" -> files.add(value);
        case "--profile" -> profiles.add(value);
        case "--env-file" -> envFiles.add(Path.of(value));
        case "-p" -> o = o.withProjectName(value);
        default -> throw new IllegalArgumentException("unknown option " + args.get(i));
      }
    }
    return o.withFiles(files).withProfiles(profiles).withEnvFiles(envFiles);
  }

  static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return env;
  }

  static List<String> readArgs(Path file) throws IOException {
    List<String> args = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        for (String word : line.trim().split("\\s+", 2)) {
          if (!word.isEmpty()) {
            args.add(word);
          }
        }
      }
    }
    return args;
  }

  // ------------------------------------------------------------------ normalising

  @SuppressWarnings("unchecked")
  private static Object normaliseTheirs(Map<String, Object> doc, List<String> profiles) {
    Map<String, Object> out = new TreeMap<>();
    Map<String, Object> services = new TreeMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) doc.get("services")).entrySet()) {
      Map<String, Object> s = new TreeMap<>((Map<String, Object>) e.getValue());
      List<String> own = (List<String>) s.getOrDefault("profiles", List.of());
      boolean enabled =
          own.isEmpty() || profiles.contains("*") || own.stream().anyMatch(profiles::contains);
      if (!enabled) {
        continue;
      }
      s.keySet().removeIf(k -> k.startsWith("x-"));
      services.put(e.getKey(), theirService(s));
    }
    out.put("services", services);
    for (String kind : List.of("networks", "volumes")) {
      if (doc.get(kind) instanceof Map<?, ?> m && !m.isEmpty()) {
        Map<String, Object> resources = new TreeMap<>();
        ((Map<String, Object>) m)
            .forEach(
                (k, v) ->
                    resources.put(
                        k, v == null ? Map.of() : new TreeMap<>((Map<String, Object>) v)));
        out.put(kind, resources);
      }
    }
    return undollar(out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> theirService(Map<String, Object> s) {
    for (String key : List.of("command", "entrypoint")) {
      if (s.get(key) instanceof String line) {
        s.put(key, shellWords(line));
      }
    }
    if (s.get("environment") instanceof Map<?, ?> env) {
      Map<String, Object> m = new TreeMap<>();
      env.forEach((k, v) -> m.put((String) k, v == null ? null : v.toString()));
      s.put("environment", m);
    }
    if (s.get("ports") instanceof List<?> ports) {
      List<Object> out = new ArrayList<>();
      for (Object p : ports) {
        out.add(p instanceof String spec ? shortPort(spec) : longPort((Map<String, Object>) p));
      }
      s.put("ports", out);
    }
    if (s.get("volumes") instanceof List<?> vols) {
      List<Object> out = new ArrayList<>();
      for (Object v : vols) {
        out.add(
            v instanceof String spec ? shortVolume(spec) : new TreeMap<>((Map<String, Object>) v));
      }
      s.put("volumes", out);
    }
    if (s.get("healthcheck") instanceof Map<?, ?> h) {
      Map<String, Object> m = new TreeMap<>((Map<String, Object>) h);
      if (m.get("test") instanceof String t) {
        m.put("test", List.of("CMD-SHELL", t));
      }
      durations(m);
      s.put("healthcheck", m);
    }
    if (s.get("stop_grace_period") instanceof String d) {
      s.put("stop_grace_period", nanos(d));
    }
    if (s.get("build") instanceof Map<?, ?> b) {
      Map<String, Object> m = new TreeMap<>((Map<String, Object>) b);
      if (!m.containsKey("dockerfile_inline")) {
        m.putIfAbsent("dockerfile", "Dockerfile");
      }
      s.put("build", m);
    }
    if (s.get("expose") instanceof List<?> expose) {
      s.put("expose", expose.stream().map(Object::toString).toList());
    }
    if (s.get("extra_hosts") instanceof List<?> hosts) {
      s.put(
          "extra_hosts",
          hosts.stream().map(h -> ((String) h).replaceFirst(":", "=")).sorted().toList());
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Object normaliseOurs(Map<String, Object> doc, String project) {
    Map<String, Object> out = new TreeMap<>();
    Map<String, Object> services = new TreeMap<>();
    ((Map<String, Object>) doc.get("services"))
        .forEach(
            (name, value) -> {
              Map<String, Object> s = new TreeMap<>((Map<String, Object>) value);
              s.values().removeIf(v -> v == null);
              if (s.get("networks") instanceof Map<?, ?> nets) {
                Map<String, Object> n = new TreeMap<>((Map<String, Object>) nets);
                if (n.containsKey("default") && n.get("default") == null) {
                  n.remove("default");
                }
                if (n.isEmpty()) {
                  s.remove("networks");
                } else {
                  s.put("networks", n);
                }
              }
              if (s.get("depends_on") instanceof Map<?, ?> deps) {
                Map<String, Object> m = new TreeMap<>();
                ((Map<String, Object>) deps)
                    .forEach(
                        (k, v) -> {
                          Map<String, Object> d = new TreeMap<>((Map<String, Object>) v);
                          d.remove("required", true);
                          m.put(k, d);
                        });
                s.put("depends_on", m);
              }
              if (s.get("ports") instanceof List<?> ports) {
                s.put("ports", ports.stream().map(p -> longPort((Map<String, Object>) p)).toList());
              }
              if (s.get("volumes") instanceof List<?> vols) {
                List<Object> vs = new ArrayList<>();
                for (Object v : vols) {
                  Map<String, Object> m = new TreeMap<>((Map<String, Object>) v);
                  m.remove("bind", Map.of("create_host_path", true));
                  m.remove("volume", Map.of());
                  vs.add(m);
                }
                s.put("volumes", vs);
              }
              if (s.get("healthcheck") instanceof Map<?, ?> h) {
                Map<String, Object> m = new TreeMap<>((Map<String, Object>) h);
                if (Boolean.TRUE.equals(m.remove("disable"))) {
                  m.put("test", List.of("NONE"));
                }
                durations(m);
                s.put("healthcheck", m);
              }
              if (s.get("stop_grace_period") instanceof String d) {
                s.put("stop_grace_period", nanos(d));
              }
              if (s.get("deploy") instanceof Map<?, ?> d) {
                Map<String, Object> m = new TreeMap<>((Map<String, Object>) d);
                m.remove("resources", Map.of());
                m.remove("placement", Map.of());
                s.put("deploy", m);
              }
              services.put(name, s);
            });
    out.put("services", services);
    for (String kind : List.of("networks", "volumes")) {
      if (doc.get(kind) instanceof Map<?, ?> m) {
        Map<String, Object> resources = new TreeMap<>();
        ((Map<String, Object>) m)
            .forEach(
                (k, v) -> {
                  Map<String, Object> r = new TreeMap<>((Map<String, Object>) v);
                  r.remove("ipam", Map.of());
                  r.remove("name", project + "_" + k);
                  if (!(kind.equals("networks") && k.equals("default") && r.isEmpty())) {
                    resources.put(k, r);
                  }
                });
        if (!resources.isEmpty()) {
          out.put(kind, resources);
        }
      }
    }
    return out;
  }

  private static Map<String, Object> longPort(Map<String, Object> p) {
    Map<String, Object> m = new TreeMap<>(p);
    m.putIfAbsent("protocol", "tcp");
    m.putIfAbsent("mode", "ingress");
    if (m.get("published") != null) {
      m.put("published", m.get("published").toString());
    }
    m.put("target", ((Number) m.get("target")).longValue());
    return m;
  }

  /** 1.29's string form of a port with an IP: {@code ip:[host]:container/proto}. */
  private static Map<String, Object> shortPort(String spec) {
    String proto = "tcp";
    int slash = spec.lastIndexOf('/');
    if (slash >= 0) {
      proto = spec.substring(slash + 1);
      spec = spec.substring(0, slash);
    }
    String[] parts = spec.split(":", -1);
    Map<String, Object> m = new TreeMap<>();
    m.put("target", Long.parseLong(parts[parts.length - 1]));
    if (parts.length >= 2 && !parts[parts.length - 2].isEmpty()) {
      m.put("published", parts[parts.length - 2]);
    }
    if (parts.length >= 3) {
      m.put("host_ip", parts[0]);
    }
    m.put("protocol", proto);
    m.put("mode", "ingress");
    return m;
  }

  /** 1.29's string form of a volume: {@code source:target:mode} or a lone target. */
  private static Map<String, Object> shortVolume(String spec) {
    String[] parts = spec.split(":");
    Map<String, Object> m = new TreeMap<>();
    if (parts.length == 1) {
      m.put("type", "volume");
      m.put("target", parts[0]);
      return m;
    }
    m.put("type", parts[0].startsWith("/") || parts[0].startsWith(".") ? "bind" : "volume");
    m.put("source", parts[0]);
    m.put("target", parts[1]);
    if (parts.length > 2 && List.of(parts[2].split(",")).contains("ro")) {
      m.put("read_only", true);
    }
    return m;
  }

  private static void durations(Map<String, Object> healthcheck) {
    for (String key : List.of("interval", "timeout", "start_period", "start_interval")) {
      if (healthcheck.get(key) instanceof String d) {
        healthcheck.put(key, nanos(d));
      }
    }
  }

  /** A Go or Python duration ({@code 1m30s}, {@code 90s}, {@code 500ms}) in nanoseconds. */
  static long nanos(String d) {
    long total = 0;
    var m = Pattern.compile("([0-9.]+)(ns|us|ms|s|m|h)").matcher(d);
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      double unit =
          switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
          };
      total += Math.round(v * unit);
    }
    return total;
  }

  /** Splits a command line as a POSIX shell would, without expansion. */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean in = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          b.append(line.charAt(++i));
        } else {
          b.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        in = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        b.append(line.charAt(++i));
        in = true;
      } else if (Character.isWhitespace(c)) {
        if (in) {
          words.add(b.toString());
          b.setLength(0);
          in = false;
        }
      } else if (c == '&' || c == ';' || c == '|') {
        break;
      } else {
        b.append(c);
        in = true;
      }
    }
    if (in) {
      words.add(b.toString());
    }
    return words;
  }

  @SuppressWarnings("unchecked")
  private static Object undollar(Object v) {
    if (v instanceof String s) {
      return s.replace("$$", "$");
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, undollar(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ComposeConfigIT::undollar).toList();
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static void diff(String path, Object expected, Object actual, List<String> out) {
    if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
      TreeMap<String, Object> keys = new TreeMap<>();
      ((Map<String, Object>) em).keySet().forEach(k -> keys.put(k, k));
      ((Map<String, Object>) am).keySet().forEach(k -> keys.put(k, k));
      for (String k : keys.keySet()) {
        String p = path.isEmpty() ? k : path + "." + k;
        if (!em.containsKey(k)) {
          out.add(p + ": only berth has " + am.get(k));
        } else if (!am.containsKey(k)) {
          out.add(p + ": only docker-compose has " + em.get(k));
        } else {
          diff(p, em.get(k), am.get(k), out);
        }
      }
      return;
    }
    if (expected instanceof List<?> el && actual instanceof List<?> al && el.size() == al.size()) {
      for (int i = 0; i < el.size(); i++) {
        diff(path + "[" + i + "]", el.get(i), al.get(i), out);
      }
      return;
    }
    Object e = expected instanceof Number n ? Optional.of(n.longValue()) : expected;
    Object a = actual instanceof Number n ? Optional.of(n.longValue()) : actual;
    if (!Objects.equals(e, a)) {
      out.add(path + ": docker-compose " + expected + ", berth " + actual);
    }
  }
}
