package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.CommandForm.ExecForm;
import dev.berth.dockerfile.CommandForm.ShellForm;
import dev.berth.dockerfile.Flags.Kind;
import dev.berth.dockerfile.syntax.DockerfileParser;
import dev.berth.dockerfile.syntax.Heredoc;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.dockerfile.syntax.SyntaxTree;
import dev.berth.image.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a syntax tree into typed, validated instructions grouped in stages. */
public final class DockerfileReader {

  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9._-]*");
  private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Set<String> RUN_NETWORKS = Set.of("default", "none", "host");
  private static final Set<String> RUN_SECURITY = Set.of("sandbox", "insecure");

  private DockerfileReader() {}

  /** Parses and types a Dockerfile's text. */
  public static Dockerfile parse(String file, String text) throws BerthException {
    return read(DockerfileParser.parse(file, text));
  }

  /** Types a parsed Dockerfile. */
  public static Dockerfile read(SyntaxTree tree) throws BerthException {
    List<Arg> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    From from = null;
    List<Instruction> current = new ArrayList<>();
    Map<String, SourceRange> names = new HashMap<>();
    for (Node node : tree.nodes()) {
      Instruction ins = instruction(node);
      if (ins instanceof From f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from, current));
        }
        if (f.stageName().isPresent()) {
          SourceRange earlier = names.putIfAbsent(f.stageName().get(), f.range());
          if (earlier != null) {
            throw BerthException.error(
                "duplicate-stage",
                "duplicate stage name '"
                    + f.stageName().get()
                    + "' (first used at line "
                    + earlier.startLine()
                    + ")",
                f.range());
          }
        }
        from = f;
        current = new ArrayList<>();
      } else if (from == null) {
        if (ins instanceof Arg a) {
          globalArgs.add(a);
        } else {
          throw BerthException.error(
              "no-from",
              ins.keyword() + " before the first FROM: only ARG may come before FROM",
              ins.range());
        }
      } else {
        current.add(ins);
      }
    }
    if (from == null) {
      throw BerthException.error(
          "no-from",
          "no FROM instruction: a Dockerfile needs at least one stage",
          SourceRange.file(tree.file()));
    }
    stages.add(new Stage(stages.size(), from, current));
    return new Dockerfile(tree.file(), tree.escapeToken(), globalArgs, stages, tree.warnings());
  }

  /**
   * Reads an ONBUILD trigger inherited from a base image ({@code RUN echo hi}); errors are reported
   * at {@code at}, the FROM line that brought the trigger in.
   */
  public static Instruction trigger(String expression, SourceRange at) throws BerthException {
    try {
      SyntaxTree tree = DockerfileParser.parse(at.file(), expression + "\n");
      if (tree.nodes().size() != 1) {
        throw BerthException.error("bad-onbuild", "expected one instruction", at);
      }
      Instruction ins = instruction(tree.nodes().get(0));
      if (ins instanceof From || ins instanceof OnBuild || ins instanceof Maintainer) {
        throw BerthException.error("bad-onbuild", ins.keyword() + " cannot be a trigger", at);
      }
      return ins;
    } catch (BerthException e) {
      throw BerthException.error(
          "bad-onbuild",
          "the base image's ONBUILD trigger '"
              + expression
              + "' is invalid: "
              + e.first().message(),
          at);
    }
  }

  /** Types one syntax node. */
  static Instruction instruction(Node n) throws BerthException {
    SourceRange r = n.range();
    String o = n.original();
    return switch (n.keyword()) {
      case "from" -> from(n);
      case "run" -> run(n);
      case "cmd" -> new Cmd(command(n, "CMD"), r, o);
      case "entrypoint" -> new Entrypoint(command(n, "ENTRYPOINT"), r, o);
      case "shell" -> shell(n);
      case "copy" -> copy(n);
      case "add" -> add(n);
      case "env" -> new Env(pairs(n, "ENV"), r, o);
      case "label" -> new Label(pairs(n, "LABEL"), r, o);
      case "arg" -> arg(n);
      case "expose" -> expose(n);
      case "volume" -> volume(n);
      case "user" -> new User(single(n, "USER"), r, o);
      case "workdir" -> new Workdir(single(n, "WORKDIR"), r, o);
      case "stopsignal" -> new StopSignal(single(n, "STOPSIGNAL"), r, o);
      case "healthcheck" -> healthcheck(n);
      case "onbuild" -> onbuild(n);
      case "maintainer" -> new Maintainer(single(n, "MAINTAINER"), r, o);
      default ->
          throw BerthException.error(
              "unknown-instruction",
              "unknown instruction: " + n.keyword().toUpperCase(Locale.ROOT),
              r);
    };
  }

  private static From from(Node n) throws BerthException {
    Flags flags = Flags.parse("FROM", n.flags(), Map.of("platform", Kind.STRING), n.range());
    List<String> a = n.args();
    Optional<String> name = Optional.empty();
    if (a.size() == 3 && a.get(1).equalsIgnoreCase("as")) {
      String lower = a.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(lower).matches()) {
        throw BerthException.error(
            "bad-stage-name",
            "invalid stage name '"
                + a.get(2)
                + "': it must start with a letter and contain only letters, digits, '-', '_' and"
                + " '.'",
            n.range());
      }
      name = Optional.of(lower);
    } else if (a.size() != 1) {
      throw BerthException.error(
          "bad-from",
          "FROM requires either one argument (FROM image) or three (FROM image AS name), got "
              + a.size(),
          n.range());
    }
    return new From(a.get(0), flags.string("platform"), name, n.range(), n.original());
  }

  private static Run run(Node n) throws BerthException {
    Flags flags =
        Flags.parse(
            "RUN",
            n.flags(),
            Map.of("mount", Kind.LIST, "network", Kind.STRING, "security", Kind.STRING),
            n.range());
    List<RunMount> mounts = new ArrayList<>();
    for (String m : flags.list("mount")) {
      mounts.add(RunMount.parse(m, n.range()));
    }
    Optional<String> network = flags.string("network");
    if (network.isPresent() && !RUN_NETWORKS.contains(network.get())) {
      throw BerthException.error(
          "bad-flag",
          "RUN: --network must be default, none or host, not '" + network.get() + "'",
          n.range());
    }
    Optional<String> security = flags.string("security");
    if (security.isPresent() && !RUN_SECURITY.contains(security.get())) {
      throw BerthException.error(
          "bad-flag",
          "RUN: --security must be sandbox or insecure, not '" + security.get() + "'",
          n.range());
    }
    List<HeredocFile> docs = new ArrayList<>();
    for (Heredoc h : n.heredocs()) {
      docs.add(new HeredocFile(h.name(), h.content(), h.expand()));
    }
    return new Run(command(n, "RUN"), mounts, network, security, docs, n.range(), n.original());
  }

  private static CommandForm command(Node n, String keyword) throws BerthException {
    if (!n.flags().isEmpty() && !keyword.equals("RUN")) {
      Flags.parse(keyword, n.flags(), Map.of(), n.range());
    }
    if (n.json()) {
      return new ExecForm(n.args());
    }
    String text = String.join(" ", n.args());
    if (text.isBlank()) {
      throw BerthException.error("missing-argument", keyword + " requires a command", n.range());
    }
    return new ShellForm(text);
  }

  private static Shell shell(Node n) throws BerthException {
    Flags.parse("SHELL", n.flags(), Map.of(), n.range());
    if (!n.json()) {
      throw BerthException.error(
          "shell-not-json",
          "SHELL requires the arguments to be in JSON form: SHELL [\"executable\", \"parameters\"]",
          n.range());
    }
    if (n.args().isEmpty()) {
      throw BerthException.error(
          "missing-argument", "SHELL requires at least one argument", n.range());
    }
    return new Shell(n.args(), n.range(), n.original());
  }

  /** The sources, destination and here-documents of COPY and ADD. */
  private record Paths(List<String> sources, String destination, List<HeredocFile> heredocs) {}

  private static Paths paths(Node n, String keyword) throws BerthException {
    List<String> args = n.args();
    if (args.size() < 2) {
      throw BerthException.error(
          "missing-argument",
          keyword + " requires at least two arguments (source and destination), got " + args.size(),
          n.range());
    }
    Map<String, Heredoc> byName = new HashMap<>();
    for (Heredoc h : n.heredocs()) {
      byName.put(h.name(), h);
    }
    String destination = args.get(args.size() - 1);
    if (!n.json() && Heredoc.opener(destination).isPresent()) {
      throw BerthException.error(
          "heredoc-destination", keyword + " cannot accept a heredoc as a destination", n.range());
    }
    List<String> sources = new ArrayList<>();
    List<HeredocFile> docs = new ArrayList<>();
    for (String src : args.subList(0, args.size() - 1)) {
      Optional<Heredoc> doc = n.json() ? Optional.empty() : heredocFor(src, byName);
      if (doc.isPresent()) {
        docs.add(new HeredocFile(doc.get().name(), doc.get().content(), doc.get().expand()));
      } else {
        sources.add(src);
      }
    }
    return new Paths(sources, destination, docs);
  }

  /** The body a source argument names ({@code <<EOF}, {@code <<eo'f'}), as BuildKit finds it. */
  private static Optional<Heredoc> heredocFor(String arg, Map<String, Heredoc> byName) {
    return Heredoc.opener(arg).map(h -> byName.get(h.name()));
  }

  private static Copy copy(Node n) throws BerthException {
    Flags f =
        Flags.parse(
            "COPY",
            n.flags(),
            Map.of(
                "from", Kind.STRING,
                "chown", Kind.STRING,
                "chmod", Kind.STRING,
                "link", Kind.BOOL,
                "parents", Kind.BOOL,
                "exclude", Kind.LIST),
            n.range());
    Paths p = paths(n, "COPY");
    if (f.string("chmod").isPresent()) {
      Chmod.check("COPY", f.string("chmod").get(), n.range());
    }
    return new Copy(
        p.sources(),
        p.destination(),
        f.string("from"),
        f.string("chown"),
        f.string("chmod"),
        f.bool("link"),
        f.bool("parents"),
        f.list("exclude"),
        p.heredocs(),
        n.range(),
        n.original());
  }

  private static Add add(Node n) throws BerthException {
    Flags f =
        Flags.parse(
            "ADD",
            n.flags(),
            Map.of(
                "chown", Kind.STRING,
                "chmod", Kind.STRING,
                "link", Kind.BOOL,
                "keep-git-dir", Kind.BOOL,
                "checksum", Kind.STRING,
                "exclude", Kind.LIST),
            n.range());
    Paths p = paths(n, "ADD");
    if (f.string("chmod").isPresent()) {
      Chmod.check("ADD", f.string("chmod").get(), n.range());
    }
    if (f.string("checksum").isPresent()) {
      Checksums.check(f.string("checksum").get(), n.range());
    }
    return new Add(
        p.sources(),
        p.destination(),
        f.string("chown"),
        f.string("chmod"),
        f.bool("link"),
        f.bool("keep-git-dir"),
        f.string("checksum"),
        f.list("exclude"),
        p.heredocs(),
        n.range(),
        n.original());
  }

  private static List<KeyValue> pairs(Node n, String keyword) throws BerthException {
    Flags.parse(keyword, n.flags(), Map.of(), n.range());
    List<String> a = n.args();
    if (a.isEmpty()) {
      throw BerthException.error(
          "missing-argument", keyword + " requires at least one key=value pair", n.range());
    }
    if (a.size() % 3 != 0) {
      throw BerthException.error(
          "bad-arguments", keyword + ": malformed key=value pairs", n.range());
    }
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i += 3) {
      if (a.get(i).isEmpty()) {
        throw BerthException.error(
            "missing-argument", keyword + " names cannot be empty", n.range());
      }
      out.add(new KeyValue(a.get(i), a.get(i + 1)));
    }
    return out;
  }

  private static Arg arg(Node n) throws BerthException {
    Flags.parse("ARG", n.flags(), Map.of(), n.range());
    if (n.args().isEmpty()) {
      throw BerthException.error(
          "missing-argument", "ARG requires at least one argument: ARG name[=default]", n.range());
    }
    List<Arg.Declaration> decls = new ArrayList<>();
    for (String token : n.args()) {
      int eq = token.indexOf('=');
      String name = eq < 0 ? token : token.substring(0, eq);
      if (!ARG_NAME.matcher(name).matches()) {
        throw BerthException.error(
            "bad-arg-name",
            "ARG: invalid name '"
                + name
                + "' (expected letters, digits and '_', not starting with a digit)",
            n.range());
      }
      decls.add(
          new Arg.Declaration(
              name, eq < 0 ? Optional.empty() : Optional.of(token.substring(eq + 1))));
    }
    return new Arg(decls, n.range(), n.original());
  }

  private static Expose expose(Node n) throws BerthException {
    Flags.parse("EXPOSE", n.flags(), Map.of(), n.range());
    if (n.args().isEmpty()) {
      throw BerthException.error(
          "missing-argument", "EXPOSE requires at least one port", n.range());
    }
    for (String p : n.args()) {
      Expose.check(p, n.range());
    }
    return new Expose(n.args(), n.range(), n.original());
  }

  private static Volume volume(Node n) throws BerthException {
    Flags.parse("VOLUME", n.flags(), Map.of(), n.range());
    if (n.args().isEmpty()) {
      throw BerthException.error(
          "missing-argument", "VOLUME requires at least one path", n.range());
    }
    for (String p : n.args()) {
      if (p.isBlank()) {
        throw BerthException.error("empty-volume", "VOLUME: a path cannot be empty", n.range());
      }
    }
    return new Volume(n.args(), n.range(), n.original());
  }

  private static String single(Node n, String keyword) throws BerthException {
    Flags.parse(keyword, n.flags(), Map.of(), n.range());
    String value = String.join(" ", n.args()).strip();
    if (value.isEmpty()) {
      throw BerthException.error(
          "missing-argument", keyword + " requires exactly one argument", n.range());
    }
    if (n.args().size() > 1 && !keyword.equals("MAINTAINER")) {
      throw BerthException.error(
          "bad-arguments",
          keyword + " requires exactly one argument, got " + n.args().size(),
          n.range());
    }
    return value;
  }

  private static Healthcheck healthcheck(Node n) throws BerthException {
    List<String> a = n.args();
    if (a.isEmpty()) {
      throw BerthException.error(
          "missing-argument", "HEALTHCHECK requires an argument: CMD command or NONE", n.range());
    }
    String type = a.get(0).toUpperCase(Locale.ROOT);
    if (type.equals("NONE")) {
      if (a.size() > 1) {
        throw BerthException.error(
            "bad-arguments", "HEALTHCHECK NONE takes no other arguments", n.range());
      }
      if (!n.flags().isEmpty()) {
        throw BerthException.error("bad-flag", "HEALTHCHECK NONE takes no options", n.range());
      }
      return new Healthcheck(Optional.empty(), n.range(), n.original());
    }
    if (!type.equals("CMD")) {
      throw BerthException.error(
          "bad-healthcheck",
          "HEALTHCHECK: unknown type '" + a.get(0) + "' (expected CMD or NONE)",
          n.range());
    }
    if (a.size() < 2 || (!n.json() && a.get(1).isBlank())) {
      throw BerthException.error(
          "missing-argument", "HEALTHCHECK CMD requires a command", n.range());
    }
    Flags f =
        Flags.parse(
            "HEALTHCHECK",
            n.flags(),
            Map.of(
                "interval", Kind.STRING,
                "timeout", Kind.STRING,
                "start-period", Kind.STRING,
                "start-interval", Kind.STRING,
                "retries", Kind.STRING),
            n.range());
    List<String> test = new ArrayList<>();
    if (n.json()) {
      test.add("CMD");
      test.addAll(a.subList(1, a.size()));
    } else {
      test.add("CMD-SHELL");
      test.add(String.join(" ", a.subList(1, a.size())));
    }
    int retries = 0;
    if (f.string("retries").isPresent()) {
      String v = f.string("retries").get();
      try {
        retries = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        retries = -1;
      }
      if (retries < 0) {
        throw BerthException.error(
            "bad-healthcheck",
            "HEALTHCHECK: --retries must be a whole number of zero or more, not '" + v + "'",
            n.range());
      }
    }
    return new Healthcheck(
        Optional.of(
            new dev.berth.image.Healthcheck(
                test,
                duration(f, "interval", n),
                duration(f, "timeout", n),
                duration(f, "start-period", n),
                duration(f, "start-interval", n),
                retries)),
        n.range(),
        n.original());
  }

  private static Duration duration(Flags f, String name, Node n) throws BerthException {
    Optional<String> text = f.string(name);
    if (text.isEmpty()) {
      return Duration.ZERO;
    }
    Optional<Duration> d = GoDuration.parse(text.get());
    if (d.isEmpty()) {
      throw BerthException.error(
          "bad-duration",
          "HEALTHCHECK: --"
              + name
              + " '"
              + text.get()
              + "' is not a duration (expected a number with a unit: 30s, 1m30s, 500ms)",
          n.range());
    }
    if (d.get().isNegative() || (!d.get().isZero() && d.get().toNanos() < 1_000_000)) {
      throw BerthException.error(
          "bad-duration",
          "HEALTHCHECK: --" + name + " '" + text.get() + "' must be 0 or at least 1ms",
          n.range());
    }
    return d.get();
  }

  private static OnBuild onbuild(Node n) throws BerthException {
    Flags.parse("ONBUILD", n.flags(), Map.of(), n.range());
    Node sub =
        n.subcommand()
            .orElseThrow(
                () ->
                    BerthException.error(
                        "missing-argument", "ONBUILD requires an instruction", n.range()));
    String kw = sub.keyword();
    if (kw.equals("onbuild") || kw.equals("from") || kw.equals("maintainer")) {
      throw BerthException.error(
          "bad-onbuild", "ONBUILD cannot trigger " + kw.toUpperCase(Locale.ROOT), n.range());
    }
    Instruction trigger = instruction(sub);
    // As BuildKit does, the stored trigger carries its here-document bodies, so that the child
    // stage that parses it again gets them back.
    StringBuilder expression = new StringBuilder(sub.original().strip());
    for (Heredoc h : sub.heredocs()) {
      expression.append('\n').append(h.content()).append(h.name());
    }
    return new OnBuild(trigger, expression.toString(), n.range(), n.original());
  }
}
