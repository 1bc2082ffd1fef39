package dev.berth.check;

import dev.berth.dockerfile.CommandForm;
import dev.berth.dockerfile.HeredocFile;
import dev.berth.dockerfile.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A RUN's commands, split roughly as a shell would: simple commands at {@code &&}, {@code ||},
 * {@code ;}, {@code |}, {@code &} and new lines, words at unquoted white space, quotes removed,
 * leading {@code NAME=value} assignments dropped. Good enough to spot {@code pip install} or {@code
 * cd}; not a shell.
 */
final class ShellScript {

  private final String text;
  private final List<List<String>> commands;

  private ShellScript(String text, List<List<String>> commands) {
    this.text = text;
    this.commands = commands;
  }

  static ShellScript of(Run run) {
    if (run.command() instanceof CommandForm.ExecForm e) {
      return new ShellScript(String.join(" ", e.args()), List.of(e.args()));
    }
    StringBuilder script = new StringBuilder(((CommandForm.ShellForm) run.command()).script());
    for (HeredocFile h : run.heredocs()) {
      script.append('\n').append(h.content());
    }
    return of(script.toString());
  }

  static ShellScript of(String script) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < script.length()) {
          word.append(script.charAt(++i));
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
        continue;
      }
      if (c == '\\' && i + 1 < script.length()) {
        char next = script.charAt(++i);
        if (next != '\n') {
          word.append(next);
          inWord = true;
        }
        continue;
      }
      if (c == '#' && !inWord) {
        while (i + 1 < script.length() && script.charAt(i + 1) != '\n') {
          i++;
        }
        continue;
      }
      boolean separator = c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')';
      if (separator || Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if (separator) {
          end(commands, words);
          words = new ArrayList<>();
        }
        continue;
      }
      word.append(c);
      inWord = true;
    }
    if (inWord) {
      words.add(word.toString());
    }
    end(commands, words);
    return new ShellScript(script, commands);
  }

  private static final Pattern ASSIGNMENT =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  private static void end(List<List<String>> commands, List<String> words) {
    int first = 0;
    while (first < words.size() && ASSIGNMENT.matcher(words.get(first)).matches()) {
      first++;
    }
    if (first < words.size()) {
      commands.add(List.copyOf(words.subList(first, words.size())));
    }
  }

  List<List<String>> commands() {
    return commands;
  }

  String text() {
    return text;
  }

  /** The commands whose program is one of {@code names} (a path's last part counts). */
  List<List<String>> running(String... names) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> c : commands) {
      String program = c.get(0);
      program = program.substring(program.lastIndexOf('/') + 1);
      for (String n : names) {
        if (program.equals(n)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * The commands that run {@code tool sub} ({@code pip install}), however the tool is started:
   * {@code pip}, {@code pip3}, {@code python -m pip}, {@code python3.11 -m pip}, {@code sudo}.
   */
  List<List<String>> invoking(String tool, String sub) {
    if (!text.contains(tool)) {
      return List.of();
    }
    List<List<String>> out = new ArrayList<>();
    for (List<String> c : commands) {
      List<String> w = c;
      if (!w.isEmpty() && program(w.get(0)).equals("sudo")) {
        w = w.subList(1, w.size());
      }
      if (w.size() >= 3 && isVersioned(program(w.get(0)), "python") && w.get(1).equals("-m")) {
        w = w.subList(2, w.size());
      }
      if (w.size() >= 2 && isVersioned(program(w.get(0)), tool) && w.get(1).equals(sub)) {
        out.add(w);
      }
    }
    return out;
  }

  /** {@code pip}, {@code pip3} or {@code pip3.12} for {@code pip}. */
  static boolean isVersioned(String program, String tool) {
    if (!program.startsWith(tool)) {
      return false;
    }
    for (int i = tool.length(); i < program.length(); i++) {
      char c = program.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  static String program(String word) {
    return word.substring(word.lastIndexOf('/') + 1);
  }
}
