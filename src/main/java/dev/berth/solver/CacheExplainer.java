package dev.berth.solver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.image.Digest;
import dev.berth.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code --explain-cache}: remembers what went into each layer step's key the last time a stage was
 * built, and says, for a step that misses the cache, which of those inputs changed.
 */
final class CacheExplainer {

  /**
   * What went into one step's key.
   *
   * @param inputs files (path to digest and mode), URLs, bind sources or source stages
   */
  record StepRecord(String text, String parent, String op, Map<String, String> inputs) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  CacheExplainer(Path dir) {
    this.dir = dir;
  }

  static String stageId(Path dockerfile, String stage) {
    return Digest.sha256(
            (dockerfile.toAbsolutePath().normalize() + "\0" + stage)
                .getBytes(StandardCharsets.UTF_8))
        .hex();
  }

  List<StepRecord> previous(String stageId) {
    Path file = dir.resolve(stageId + ".json");
    try {
      return Files.exists(file)
          ? JSON.readValue(file.toFile(), new TypeReference<List<StepRecord>>() {})
          : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  void save(String stageId, List<StepRecord> records) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(stageId + ".json"), JSON.writeValueAsBytes(records), dir);
  }

  /** Why {@code now} missed the cache, compared with the same step of the previous build. */
  static String explain(StepRecord now, Optional<StepRecord> before) {
    if (before.isEmpty()) {
      return "no earlier build of this step is recorded";
    }
    StepRecord b = before.get();
    if (!b.text().equals(now.text())) {
      return "the instruction changed (it was: " + b.text() + ")";
    }
    if (!b.parent().equals(now.parent())) {
      return "an earlier step of this stage (or its base) changed, so its parent layer is new";
    }
    if (!b.op().equals(now.op())) {
      List<String> diffs = envDiff(b.op(), now.op());
      return diffs.isEmpty()
          ? "its expanded arguments changed"
          : "build args or env in scope changed: " + String.join("; ", diffs);
    }
    if (!b.inputs().equals(now.inputs())) {
      List<String> changes = new ArrayList<>();
      TreeSet<String> names = new TreeSet<>(b.inputs().keySet());
      names.addAll(now.inputs().keySet());
      for (String n : names) {
        String was = b.inputs().get(n);
        String is = now.inputs().get(n);
        if (was == null) {
          changes.add(n + " was added (" + is + ")");
        } else if (is == null) {
          changes.add(n + " was removed (was " + was + ")");
        } else if (!was.equals(is)) {
          changes.add(n + " changed: " + was + " -> " + is);
        }
      }
      return "its sources changed: " + String.join("; ", changes);
    }
    return "its inputs are unchanged, but the cached result is gone (pruned, or --no-cache)";
  }

  /** The KEY=value entries of two op texts' env sections that differ. */
  private static List<String> envDiff(String before, String now) {
    Map<String, String> a = env(before);
    Map<String, String> b = env(now);
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      String x = a.get(k);
      String y = b.get(k);
      if (x == null) {
        out.add(k + " is new (" + y + ")");
      } else if (y == null) {
        out.add(k + " is gone (was " + x + ")");
      } else if (!x.equals(y)) {
        out.add(k + ": " + x + " -> " + y);
      }
    }
    return out;
  }

  private static Map<String, String> env(String opText) {
    Map<String, String> env = new LinkedHashMap<>();
    String[] parts = opText.split("\0", -1);
    boolean inEnv = false;
    for (String p : parts) {
      if (p.equals("env")) {
        inEnv = true;
        continue;
      }
      if (p.equals("wd")) {
        break;
      }
      if (inEnv) {
        int eq = p.indexOf('=');
        if (eq > 0) {
          env.put(p.substring(0, eq), p.substring(eq + 1));
        }
      }
    }
    return env;
  }
}
