package dev.berth.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The fish completion script, written from picocli's command model (picocli generates bash only).
 *
 * <p>fish completes with {@code complete} rules, each guarded by a condition. The script defines
 * one helper, {@code __berth_path}, that reads the words typed so far and prints the command path
 * they reach (say {@code compose up}), walking only words that name a command of the path before
 * them; each rule is then guarded by {@code __berth_at PATH}. Every command gets its subcommands
 * with their descriptions, its options (long, short or single-dash long, whether they take a value,
 * their candidates when picocli knows them) and file names where an option or a positional
 * parameter is a path; nothing else completes to a file.
 */
final class FishCompletion {

  /** Parameter labels that name a file or a directory even when the Java type is a string. */
  private static final Pattern PATH_LABEL =
      Pattern.compile("(PATH|DIR|FILE|CONTEXT|DOCKERFILE)(\\b|_|$)");

  private FishCompletion() {}

  /** The script for the command line {@code root}, whose command is named {@code name}. */
  static String script(String name, CommandLine root) {
    List<String> paths = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    walk(name, root, "", paths, rules);
    StringBuilder b = new StringBuilder();
    b.append("# fish completion for ").append(name).append(", written from its command model.\n");
    b.append("# Install: ").append(name).append(" completion fish > ");
    b.append("~/.config/fish/completions/").append(name).append(".fish\n\n");
    b.append("set -g __").append(name).append("_commands");
    for (String p : paths) {
      b.append(' ').append(quote(p));
    }
    b.append("\n\n");
    b.append("# The command path the words before the cursor reach, such as 'compose up'.\n");
    b.append("function __").append(name).append("_path\n");
    b.append("    set -l path\n");
    b.append("    for word in (commandline -opc)[2..-1]\n");
    b.append("        set -l next (string join ' ' -- $path $word)\n");
    b.append("        if contains -- $next $__").append(name).append("_commands\n");
    b.append("            set path $path $word\n");
    b.append("        end\n");
    b.append("    end\n");
    b.append("    string join ' ' -- $path\n");
    b.append("end\n\n");
    b.append("function __").append(name).append("_at\n");
    b.append("    set -l path (__").append(name).append("_path)\n");
    b.append("    test \"$path\" = \"$argv\"\n");
    b.append("end\n\n");
    b.append("complete -c ").append(name).append(" -f\n");
    rules.forEach(r -> b.append(r).append('\n'));
    return b.toString();
  }

  private static void walk(
      String name, CommandLine cl, String path, List<String> paths, List<String> rules) {
    CommandSpec spec = cl.getCommandSpec();
    String guard = "complete -c " + name + " -n " + quote(("__" + name + "_at " + path).trim());
    for (var e : cl.getSubcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) {
        continue; // aliases complete as their command's name only
      }
      rules.add(guard + " -a " + quote(sub.name()) + describe(sub.usageMessage().description()));
    }
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      StringBuilder r = new StringBuilder(guard);
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          r.append(" -l ").append(quote(n.substring(2)));
        } else if (n.length() == 2) {
          r.append(" -s ").append(quote(n.substring(1)));
        } else {
          r.append(" -o ").append(quote(n.substring(1)));
        }
      }
      if (o.arity().max() > 0) {
        r.append(" -r");
        if (isPath(o)) {
          r.append(" -F");
        } else if (o.completionCandidates() != null) {
          r.append(" -a ").append(quote(String.join(" ", candidates(o))));
        }
      }
      rules.add(r.append(describe(o.description())).toString());
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden() && isPath(p)) {
        rules.add(guard + " -F");
        break;
      } else if (!p.hidden() && p.completionCandidates() != null) {
        rules.add(guard + " -a " + quote(String.join(" ", candidates(p))));
      }
    }
    for (var e : cl.getSubcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) {
        continue;
      }
      String subPath = path.isEmpty() ? sub.name() : path + " " + sub.name();
      paths.add(subPath);
      walk(name, e.getValue(), subPath, paths, rules);
    }
  }

  private static List<String> candidates(ArgSpec a) {
    List<String> c = new ArrayList<>();
    a.completionCandidates().forEach(c::add);
    return c;
  }

  private static boolean isPath(ArgSpec a) {
    Class<?> t = a.type();
    if (a.isMultiValue() && a.auxiliaryTypes().length > 0) {
      t = a.auxiliaryTypes()[0];
    }
    return Path.class.isAssignableFrom(t)
        || File.class.isAssignableFrom(t)
        || PATH_LABEL.matcher(a.paramLabel()).find();
  }

  /** {@code -d} with the description's first sentence, or nothing without one. */
  private static String describe(String[] description) {
    if (description.length == 0 || description[0].isBlank()) {
      return "";
    }
    String d = description[0].strip();
    int end = d.indexOf(". ");
    if (end > 0) {
      d = d.substring(0, end);
    }
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    return " -d " + quote(d);
  }

  /** A fish single-quoted word: only backslash and the quote itself are escaped there. */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
