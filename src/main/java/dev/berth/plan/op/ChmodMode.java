package dev.berth.plan.op;

/**
 * Applies a {@code --chmod} value to a file's mode: octal ({@code 755}) replaces it, symbolic
 * ({@code u+x,go=r}) changes it as chmod(1) does. The parser has checked the value's form.
 */
public final class ChmodMode {

  private ChmodMode() {}

  /** The mode {@code spec} gives a file whose mode was {@code base}. */
  public static int apply(String spec, int base) {
    if (!spec.isEmpty() && spec.chars().allMatch(c -> c >= '0' && c <= '7')) {
      return Integer.parseInt(spec, 8) & 07777;
    }
    int mode = base;
    for (String clause : spec.split(",")) {
      int i = 0;
      int who = 0;
      while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
        who |=
            switch (clause.charAt(i)) {
              case 'u' -> 0700;
              case 'g' -> 0070;
              case 'o' -> 0007;
              default -> 0777;
            };
        i++;
      }
      if (who == 0) {
        who = 0777;
      }
      while (i < clause.length()) {
        char op = clause.charAt(i++);
        int bits = 0;
        while (i < clause.length() && "rwxXst".indexOf(clause.charAt(i)) >= 0) {
          bits |=
              switch (clause.charAt(i)) {
                case 'r' -> 0444;
                case 'w' -> 0222;
                case 'x', 'X' -> 0111;
                case 's' -> 06000;
                default -> 01000;
              };
          i++;
        }
        int masked = bits & (who | 07000);
        mode =
            switch (op) {
              case '+' -> mode | masked;
              case '-' -> mode & ~masked;
              default -> (mode & ~who) | masked;
            };
      }
    }
    return mode & 07777;
  }
}
