package dev.berth.check;

import dev.berth.dockerfile.Copy;
import dev.berth.dockerfile.Run;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users a stage's image has, as far as the Dockerfile tells: those its base image is known to
 * have, and those a RUN of it (or of the stages it builds on) creates with useradd or adduser or by
 * writing {@code /etc/passwd}.
 *
 * @param known false when the image may have users berth cannot see: a base image it does not know,
 *     a COPY of a passwd file, a name it could not read
 */
record ImageUsers(Set<String> names, boolean known) {

  /** The users of Debian's and Alpine's base files, which official images built on them have. */
  private static final Set<String> SYSTEM =
      Set.of(
          "root",
          "daemon",
          "bin",
          "sys",
          "sync",
          "games",
          "man",
          "lp",
          "mail",
          "news",
          "uucp",
          "proxy",
          "www-data",
          "backup",
          "list",
          "irc",
          "gnats",
          "nobody",
          "_apt",
          "adm",
          "shutdown",
          "halt",
          "operator",
          "postmaster",
          "cron",
          "ftp",
          "sshd",
          "at",
          "squid",
          "xfs",
          "ntp",
          "smmsp",
          "guest");

  /** Official images by repository, and the users of their own on top of the system ones. */
  private static final Map<String, Set<String>> IMAGES =
      Map.ofEntries(
          Map.entry("debian", Set.of()),
          Map.entry("ubuntu", Set.of("ubuntu")),
          Map.entry("alpine", Set.of()),
          Map.entry("busybox", Set.of()),
          Map.entry("python", Set.of()),
          Map.entry("node", Set.of("node")),
          Map.entry("golang", Set.of()),
          Map.entry("rust", Set.of()),
          Map.entry("ruby", Set.of()),
          Map.entry("php", Set.of()),
          Map.entry("perl", Set.of()),
          Map.entry("eclipse-temurin", Set.of()),
          Map.entry("openjdk", Set.of()),
          Map.entry("fedora", Set.of()),
          Map.entry("nginx", Set.of("nginx")),
          Map.entry("postgres", Set.of("postgres")));

  // useradd and adduser options that take a value (long forms may also be written --opt=value).
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-b",
          "--base-dir",
          "-c",
          "--comment",
          "-d",
          "--home-dir",
          "--home",
          "-e",
          "--expiredate",
          "-f",
          "--inactive",
          "-g",
          "--gid",
          "-G",
          "--groups",
          "-k",
          "--skel",
          "-K",
          "--key",
          "-p",
          "--password",
          "-P",
          "--prefix",
          "-R",
          "--root",
          "-s",
          "--shell",
          "-u",
          "--uid",
          "-Z",
          "--selinux-user",
          "-h",
          "--gecos",
          "--ingroup",
          "--conf",
          "--firstuid",
          "--lastuid");

  private static final Pattern PASSWD_LINE =
      Pattern.compile("(?:^|[\\s'\"])([a-z_][a-z0-9_-]*\\$?):[^:\\s]*:[0-9$]");

  static ImageUsers of(CheckSubject s, PlanModel m, PlannedStage stage) {
    Set<String> names = new TreeSet<>();
    boolean known = true;
    StageBase root = m.root(stage);
    if (root instanceof StageBase.Image img) {
      Set<String> own = IMAGES.get(ImageNames.repository(img.reference()));
      if (own == null) {
        known = false;
      } else {
        names.addAll(SYSTEM);
        names.addAll(own);
      }
    }
    for (PlannedStep step : m.chainSteps(stage)) {
      if (step.instruction() instanceof Copy c
          && c.destination().endsWith("passwd")
          && c.destination().contains("etc")) {
        known = false;
      }
      if (!(step.instruction() instanceof Run r)) {
        continue;
      }
      ShellScript script = s.script(r);
      for (List<String> c : script.running("useradd", "adduser")) {
        List<String> operands = operands(c);
        if (ShellScript.program(c.get(0)).equals("adduser") && operands.size() > 1) {
          continue; // adduser USER GROUP adds an existing user to a group
        }
        Optional<String> expanded =
            operands.stream()
                .findFirst()
                .flatMap(n -> MetaArgs.expand(s.lex(), n, step.env()).map(e -> e.value()));
        if (expanded.isEmpty() || expanded.get().isEmpty()) {
          known = false;
        } else {
          names.add(expanded.get());
        }
      }
      if (script.text().contains("/etc/passwd")) {
        Matcher mt = PASSWD_LINE.matcher(script.text());
        boolean any = false;
        while (mt.find()) {
          Optional<String> n =
              MetaArgs.expand(s.lex(), mt.group(1), step.env()).map(e -> e.value());
          n.filter(v -> !v.isEmpty()).ifPresent(names::add);
          any = true;
        }
        known &= any;
      }
    }
    return new ImageUsers(Set.copyOf(names), known);
  }

  /** The words of a useradd or adduser command that are not options or option values. */
  static List<String> operands(List<String> command) {
    List<String> operands = new ArrayList<>();
    for (int i = 1; i < command.size(); i++) {
      String w = command.get(i);
      if (w.startsWith("-")) {
        if (WITH_VALUE.contains(w)) {
          i++;
        }
        continue;
      }
      operands.add(w);
    }
    return operands;
  }
}
