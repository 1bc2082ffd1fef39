package dev.berth.compose;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compose's variable substitution in one string: {@code $VAR}, {@code ${VAR}}, the default forms
 * {@code ${VAR:-d}} and {@code ${VAR-d}}, the required forms {@code ${VAR:?e}} and {@code
 * ${VAR?e}}, the alternative forms {@code ${VAR:+r}} and {@code ${VAR+r}}, nesting inside the
 * argument, and {@code $$} for a literal {@code $}. As in docker compose, the argument of an
 * operator is expanded whether or not it is used, and a {@code $} followed by anything else is an
 * invalid template.
 */
final class Template {

  /** Why a template could not be expanded. */
  static final class TemplateException extends Exception {
    private final boolean missingRequired;

    TemplateException(String message, boolean missingRequired) {
      super(message);
      this.missingRequired = missingRequired;
    }

    /** True for {@code ${VAR?err}} with VAR unset; false for a malformed template. */
    boolean missingRequired() {
      return missingRequired;
    }
  }

  private final Function<String, Optional<String>> lookup;
  private final Set<String> unset;

  /**
   * @param lookup a variable's value, or empty when it is not set
   * @param unset receives the names of variables that were used without a default but not set
   */
  Template(Function<String, Optional<String>> lookup, Set<String> unset) {
    this.lookup = lookup;
    this.unset = unset;
  }

  String substitute(String template) throws TemplateException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      char next = i + 1 < n ? template.charAt(i + 1) : '\0';
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (isNameStart(next)) {
        int end = nameEnd(template, i + 1);
        out.append(plain(template.substring(i + 1, end)));
        i = end;
      } else if (next == '{') {
        int close = closingBrace(template, i);
        if (close < 0) {
          throw invalid(template);
        }
        out.append(braced(template.substring(i + 2, close), template));
        i = close + 1;
      } else {
        throw invalid(template);
      }
    }
    return out.toString();
  }

  private String braced(String content, String template) throws TemplateException {
    if (content.isEmpty() || !isNameStart(content.charAt(0))) {
      throw invalid(template);
    }
    int end = nameEnd(content, 0);
    String name = content.substring(0, end);
    if (end == content.length()) {
      return plain(name);
    }
    boolean colon = content.charAt(end) == ':';
    int opAt = colon ? end + 1 : end;
    if (opAt >= content.length() || "-+?".indexOf(content.charAt(opAt)) < 0) {
      throw invalid(template);
    }
    char op = content.charAt(opAt);
    String argument = substitute(content.substring(opAt + 1));
    Optional<String> value = lookup.apply(name);
    boolean present = value.isPresent() && (!colon || !value.get().isEmpty());
    switch (op) {
      case '-':
        return present ? value.get() : argument;
      case '+':
        return present ? argument : value.orElse("");
      default:
        if (!present) {
          String message = "required variable " + name + " is missing a value";
          throw new TemplateException(
              argument.isEmpty() ? message : message + ": " + argument, true);
        }
        return value.get();
    }
  }

  private String plain(String name) {
    Optional<String> value = lookup.apply(name);
    if (value.isEmpty()) {
      unset.add(name);
    }
    return value.orElse("");
  }

  /** The index of the brace closing the {@code ${} at {@code dollar}, counting nested ones. */
  private static int closingBrace(String s, int dollar) {
    int open = 0;
    for (int i = dollar; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '}') {
        open--;
        if (open == 0) {
          return i;
        }
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int nameEnd(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(isNameStart(c) || (c >= '0' && c <= '9'))) {
        break;
      }
      i++;
    }
    return i;
  }

  private static TemplateException invalid(String template) {
    return new TemplateException("invalid template \"" + template + "\"", false);
  }
}
