package dev.berth.scaffold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link Setup} into the four files. */
final class SetupRenderer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Templates templates = new Templates();

  List<GeneratedFile> render(Setup s) {
    Map<String, Object> m = model(s);
    List<GeneratedFile> out = new ArrayList<>();
    out.add(
        new GeneratedFile("Dockerfile", templates.render("Dockerfile-" + s.tool().command(), m)));
    out.add(new GeneratedFile("compose.yaml", templates.render("compose.yaml", m)));
    out.add(
        new GeneratedFile(
            ".devcontainer/devcontainer.json", templates.render("devcontainer.json", m)));
    out.add(new GeneratedFile(".dockerignore", templates.render("dockerignore", m)));
    return out;
  }

  /** The names the templates use; a missing one fails the rendering. */
  static Map<String, Object> model(Setup s) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", s.name());
    m.put("flavourLabel", s.flavour().label());
    m.put("toolName", s.tool().command());
    m.put("poetry", s.tool() == Tool.POETRY);
    m.put("uv", s.tool() == Tool.UV);
    m.put("pip", s.tool() == Tool.PIP);
    m.put("toolVersion", s.toolVersion());
    m.put("toolVersionSource", s.toolVersionSource());
    m.put("pythonVersion", s.pythonVersion());
    m.put("pythonSource", s.pythonSource());
    m.put("baseImage", s.baseImage());
    m.put("baseGiven", s.baseGiven());
    m.put("prodBaseImage", s.prodBaseImage());
    m.put("prodBaseGiven", s.prodBaseGiven());
    m.put("offline", s.offline());
    m.put("cacheMounts", s.cacheMounts());
    m.put("packaged", s.packaged());
    m.put("venvStage", s.packaged() ? "project" : "builder");
    m.put("manifests", copies(s.manifests()));
    m.put("mainRequirements", s.mainRequirements().map(Object.class::cast).orElse(false));
    m.put("pyprojectDependencies", s.pyprojectDependencies());
    m.put(
        "depsWithProject",
        s.packaged() && s.mainRequirements().isEmpty() && !s.pyprojectDependencies());
    m.put("devRequirementFiles", copies(s.devRequirementFiles()));
    List<String> dashR = new ArrayList<>();
    s.devRequirements().forEach(f -> dashR.add("-r " + f));
    m.put("devRequirements", joinedOrFalse(dashR, " "));
    m.put("devPyprojectLists", joinedOrFalse(s.devPyprojectLists(), ", \\\n            "));
    m.put("hasDevGroups", !s.devGroups().isEmpty());
    m.put("devGroups", String.join(",", s.devGroups()));
    m.put("entry", execForm(s.entry()));
    m.put("devCommand", execForm(s.devCommand()));
    m.put("entrySource", s.entrySource());
    m.put("web", s.web());
    int port = s.port().orElse(0);
    m.put("port", port);
    m.put("devPort", port + 1);
    m.put("pythonPath", s.pythonPath().map(Object.class::cast).orElse(false));
    m.put("userName", s.userName());
    m.put("postCreateCommand", postCreate(s));
    m.put("wrap", (Mustache.Lambda) (frag, out) -> out.write(Comments.wrap(frag.execute())));
    return m;
  }

  private static Object postCreate(Setup s) {
    if (!s.packaged()) {
      return false;
    }
    return switch (s.tool()) {
      case POETRY -> "poetry install --only-root";
      case UV -> "uv sync --locked" + (s.devGroups().isEmpty() ? "" : " --all-groups");
      case PIP ->
          "pip install --no-cache-dir"
              + (s.mainRequirements().isEmpty() && !s.pyprojectDependencies() ? "" : " --no-deps")
              + " -e .";
    };
  }

  /**
   * COPY instructions for files, one per folder they are in: COPY with several sources puts them
   * all in one destination, and {@code -r requirements/base.txt} must find its file where it was.
   */
  static List<Map<String, String>> copies(List<String> files) {
    Map<String, List<String>> byFolder = new LinkedHashMap<>();
    for (String f : files) {
      int slash = f.lastIndexOf('/');
      String folder = slash < 0 ? "./" : f.substring(0, slash + 1);
      byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(f);
    }
    List<Map<String, String>> out = new ArrayList<>();
    byFolder.forEach(
        (folder, names) ->
            out.add(Map.of("sources", String.join(" ", names), "destination", folder)));
    return out;
  }

  private static Object joinedOrFalse(List<String> parts, String separator) {
    return parts.isEmpty() ? false : String.join(separator, parts);
  }

  /** {@code ["a", "b"]}: JSON strings, spaced as people write them. */
  static String execForm(List<String> words) {
    List<String> quoted = new ArrayList<>();
    for (String w : words) {
      try {
        quoted.add(JSON.writeValueAsString(w));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return "[" + String.join(", ", quoted) + "]";
  }
}
