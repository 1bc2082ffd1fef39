package dev.berth.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises package-manager commands in RUN scripts: which install dependencies from a manifest,
 * which install the project itself, and which pull in development dependencies.
 */
final class Installs {

  /** An install command found in a script: the tool, and the command's words. */
  record Install(String tool, List<String> words) {
    String display() {
      return String.join(" ", words);
    }
  }

  private Installs() {}

  /** Commands that install dependencies from manifests or lock files. */
  static Optional<Install> dependencyInstall(ShellScript script) {
    for (List<String> c : script.invoking("pip", "install")) {
      if (c.contains("-r") || c.contains("--requirement") || hasPrefix(c, "--requirement=")) {
        return Optional.of(new Install("pip", c));
      }
    }
    for (List<String> c : script.invoking("poetry", "install")) {
      if (!c.contains("--only-root")) {
        return Optional.of(new Install("poetry", c));
      }
    }
    for (List<String> c : script.invoking("uv", "sync")) {
      return Optional.of(new Install("uv", c));
    }
    for (List<String> c : script.invoking("uv", "pip")) {
      if (c.size() > 2 && (c.get(2).equals("sync") || c.contains("-r"))) {
        return Optional.of(new Install("uv", c));
      }
    }
    for (String tool : List.of("pipenv", "npm", "yarn", "pnpm", "bundle", "composer")) {
      for (String sub : List.of("install", "ci", "sync")) {
        for (List<String> c : script.invoking(tool, sub)) {
          // "npm install express" adds a package; without package names it reads the manifest.
          if (c.stream().skip(2).allMatch(w -> w.startsWith("-"))) {
            return Optional.of(new Install(tool, c));
          }
        }
      }
    }
    for (List<String> c : script.invoking("go", "mod")) {
      if (c.size() > 2 && c.get(2).equals("download")) {
        return Optional.of(new Install("go", c));
      }
    }
    return Optional.empty();
  }

  /** Commands that install the project itself, which needs its sources. */
  static Optional<Install> projectInstall(ShellScript script) {
    for (List<String> c : script.invoking("poetry", "install")) {
      if (!c.contains("--no-root") && !c.contains("--only=main") && !onlyGroups(c)) {
        return Optional.of(new Install("poetry", c));
      }
    }
    for (List<String> c : script.invoking("uv", "sync")) {
      if (!c.contains("--no-install-project") && !c.contains("--no-install-workspace")) {
        return Optional.of(new Install("uv", c));
      }
    }
    for (List<String> c : script.invoking("pip", "install")) {
      for (String w : c.subList(2, c.size())) {
        if (w.equals(".") || w.startsWith(".[") || w.equals("./") || w.startsWith("./[")) {
          return Optional.of(new Install("pip", c));
        }
      }
    }
    return Optional.empty();
  }

  // "poetry install --only dev" installs a group, not the project... unless it is "--only-root".
  private static boolean onlyGroups(List<String> c) {
    return c.contains("--only") || hasPrefix(c, "--only=");
  }

  private static final List<String> DEV_GROUPS = List.of("dev", "test", "tests", "lint", "docs");

  /** Commands that install development dependencies. */
  static Optional<Install> devInstall(ShellScript script) {
    for (List<String> c : script.invoking("poetry", "install")) {
      for (int i = 2; i < c.size(); i++) {
        String w = c.get(i);
        String groups =
            (w.equals("--with") || w.equals("--only")) && i + 1 < c.size()
                ? c.get(i + 1)
                : w.startsWith("--with=") || w.startsWith("--only=")
                    ? w.substring(w.indexOf('=') + 1)
                    : "";
        if (namesDevGroup(groups) || w.equals("--all-groups") || w.equals("--dev")) {
          return Optional.of(new Install("poetry", c));
        }
      }
    }
    for (List<String> c : script.invoking("pip", "install")) {
      for (int i = 2; i < c.size(); i++) {
        String w = c.get(i);
        String file =
            (w.equals("-r") || w.equals("--requirement")) && i + 1 < c.size() ? c.get(i + 1) : "";
        if (isDevRequirements(file) || extrasNameDev(w)) {
          return Optional.of(new Install("pip", c));
        }
      }
    }
    for (List<String> c : script.invoking("uv", "sync")) {
      for (int i = 2; i < c.size(); i++) {
        String w = c.get(i);
        String group =
            (w.equals("--group") || w.equals("--extra")) && i + 1 < c.size() ? c.get(i + 1) : "";
        if (namesDevGroup(group) || w.equals("--all-groups") || w.equals("--all-extras")) {
          return Optional.of(new Install("uv", c));
        }
      }
    }
    for (List<String> c : script.invoking("pipenv", "install")) {
      if (c.contains("--dev")) {
        return Optional.of(new Install("pipenv", c));
      }
    }
    return Optional.empty();
  }

  private static boolean namesDevGroup(String groups) {
    for (String g : groups.split(",")) {
      if (DEV_GROUPS.contains(g.strip())) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern DEV_FILE =
      Pattern.compile(".*\\b(dev|test|tests|lint|docs)\\b.*\\.(txt|in)");
  private static final Pattern DEV_DIR =
      Pattern.compile(".*requirements[-_/](dev|test|tests|lint)[^/]*");

  private static boolean isDevRequirements(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return DEV_FILE.matcher(name).matches() || DEV_DIR.matcher(file).matches();
  }

  private static boolean extrasNameDev(String word) {
    int open = word.indexOf('[');
    if (open < 0 || !word.endsWith("]")) {
      return false;
    }
    return namesDevGroup(word.substring(open + 1, word.length() - 1));
  }

  private static boolean hasPrefix(List<String> words, String prefix) {
    return words.stream().anyMatch(w -> w.startsWith(prefix));
  }
}
