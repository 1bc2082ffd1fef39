package dev.berth.dockerfile.shell;

/**
 * Expands a replacement the way Go's {@code Regexp.Expand} does for a pattern without groups:
 * {@code $$} is a dollar, {@code $0} and {@code ${0}} the whole match, any other well-formed
 * reference ({@code $1}, {@code $name}, {@code ${name}}) nothing, and a malformed one stays as
 * written. BuildKit hands {@code ${VAR//p/r}} replacements to that function, so the same {@code r}
 * must give the same text here.
 */
final class GoTemplate {

  private GoTemplate() {}

  static void expand(String template, String match, StringBuilder out) {
    int i = 0;
    int n = template.length();
    while (i < n) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        out.append(template, i, n);
        return;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < n && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean braced = i < n && template.charAt(i) == '{';
      int start = braced ? i + 1 : i;
      int end = start;
      while (end < n) {
        int c = template.codePointAt(end);
        if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
          break;
        }
        end += Character.charCount(c);
      }
      boolean wellFormed = end > start && (!braced || (end < n && template.charAt(end) == '}'));
      if (!wellFormed) {
        out.append('$');
        continue;
      }
      if (isGroupZero(template.substring(start, end))) {
        out.append(match);
      }
      i = braced ? end + 1 : end;
    }
  }

  /** Only group 0 exists; "00" and "000" name it too, as Go parses the number. */
  private static boolean isGroupZero(String name) {
    return name.chars().allMatch(c -> c == '0');
  }
}
