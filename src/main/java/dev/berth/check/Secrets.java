package dev.berth.check;

import java.util.regex.Pattern;

/** BuildKit's test for a variable name that suggests a secret ({@code API_KEY}, {@code token}). */
final class Secrets {

  private static final Pattern DENY =
      Pattern.compile(
          "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret"
              + "|token)(?:_|$)");
  private static final Pattern ALLOW = Pattern.compile("(?i)(?:_|^)(?:public)(?:_|$)");

  private Secrets() {}

  static boolean looksSensitive(String name) {
    return DENY.matcher(name).find() && !ALLOW.matcher(name).find();
  }
}
