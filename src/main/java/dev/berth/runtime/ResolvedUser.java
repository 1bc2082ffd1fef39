package dev.berth.runtime;

import java.util.ArrayList;
import java.util.List;

/** A user resolved to numbers, with the home directory that sets {@code HOME}. */
public record ResolvedUser(long uid, long gid, List<Long> additionalGids, String home) {

  public ResolvedUser {
    additionalGids = List.copyOf(additionalGids);
  }

  /** The PATH docker and BuildKit give a process whose environment sets none. */
  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /**
   * The process environment: {@code env} plus, where it lacks them, {@code PATH} (the default) and
   * {@code HOME} (from the passwd entry), as docker fills them in.
   */
  public List<String> environment(List<String> env) {
    List<String> out = new ArrayList<>(env);
    if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
      out.add("PATH=" + DEFAULT_PATH);
    }
    if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
      out.add("HOME=" + home);
    }
    return List.copyOf(out);
  }
}
