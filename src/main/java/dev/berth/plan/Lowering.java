package dev.berth.plan;

import dev.berth.dockerfile.Add;
import dev.berth.dockerfile.Arg;
import dev.berth.dockerfile.Cmd;
import dev.berth.dockerfile.CommandForm;
import dev.berth.dockerfile.Copy;
import dev.berth.dockerfile.Entrypoint;
import dev.berth.dockerfile.Env;
import dev.berth.dockerfile.Expose;
import dev.berth.dockerfile.Healthcheck;
import dev.berth.dockerfile.HeredocFile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.InstructionText;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.Label;
import dev.berth.dockerfile.Maintainer;
import dev.berth.dockerfile.OnBuild;
import dev.berth.dockerfile.Run;
import dev.berth.dockerfile.RunMount;
import dev.berth.dockerfile.Shell;
import dev.berth.dockerfile.StopSignal;
import dev.berth.dockerfile.User;
import dev.berth.dockerfile.Volume;
import dev.berth.dockerfile.Workdir;
import dev.berth.dockerfile.syntax.Heredoc;
import dev.berth.plan.op.ConfigOp;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import dev.berth.plan.op.InlineFile;
import dev.berth.plan.op.MountRequest;
import dev.berth.plan.op.Op;
import dev.berth.plan.op.RunOp;
import dev.berth.plan.op.WorkdirOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Lowers an expanded instruction to the {@link Op} the engine runs, and the text the image history
 * records for it (as BuildKit writes it).
 */
final class Lowering {

  /** A lowered step. */
  record Lowered(Op op, String history) {}

  /** What lowering needs to know about the step's surroundings. */
  record Scope(
      Map<String, String> env,
      String workdir,
      String user,
      List<String> shell,
      Optional<CopySource> copySource,
      List<Optional<Integer>> mountStages) {}

  private Lowering() {}

  static Lowered lower(Instruction ins, Scope s) {
    String text = InstructionText.of(ins);
    if (ins instanceof Run r) {
      return run(r, s);
    }
    if (ins instanceof Copy c) {
      return new Lowered(
          new CopyOp(
              false,
              s.copySource().orElse(new CopySource.Context()),
              c.sources(),
              inline(c.heredocs()),
              c.destination(),
              s.workdir(),
              c.chown(),
              c.chmod(),
              c.link(),
              c.parents(),
              c.excludes(),
              Optional.empty(),
              false),
          text + " # buildkit");
    }
    if (ins instanceof Add a) {
      return new Lowered(
          new CopyOp(
              true,
              new CopySource.Context(),
              a.sources(),
              inline(a.heredocs()),
              a.destination(),
              s.workdir(),
              a.chown(),
              a.chmod(),
              a.link(),
              false,
              a.excludes(),
              a.checksum(),
              a.keepGitDir()),
          text + " # buildkit");
    }
    if (ins instanceof Workdir) {
      return new Lowered(new WorkdirOp(s.workdir(), s.user()), text);
    }
    return new Lowered(config(ins, s), text);
  }

  private static Lowered run(Run r, Scope s) {
    List<String> env = envList(s.env());
    List<MountRequest> mounts = new ArrayList<>();
    for (int i = 0; i < r.mounts().size(); i++) {
      RunMount m = r.mounts().get(i);
      mounts.add(
          new MountRequest(
              m.type(),
              m.options(),
              i < s.mountStages().size() ? s.mountStages().get(i) : Optional.empty()));
    }
    String network = r.network().orElse("default");
    String script = "";
    List<String> args;
    if (r.command() instanceof CommandForm.ExecForm e) {
      args = e.args();
    } else {
      String line = ((CommandForm.ShellForm) r.command()).script();
      List<HeredocFile> docs = r.heredocs();
      if (docs.size() == 1 && Heredoc.opener(line.strip()).isPresent()) {
        // The whole command is one opener (RUN <<EOF, RUN 3<<EOF, RUN <<'one two'): as in
        // BuildKit, the here-document is the script; with a shebang it is the program itself.
        String body = docs.get(0).content();
        if (body.startsWith("#!")) {
          script = body;
          args = List.of();
        } else {
          args = withShell(s.shell(), body);
        }
      } else if (!docs.isEmpty()) {
        // The shell reads the here-documents itself, exactly as written.
        StringBuilder full = new StringBuilder(line).append('\n');
        for (HeredocFile d : docs) {
          full.append(d.content()).append(d.name()).append('\n');
        }
        args = withShell(s.shell(), full.toString());
      } else {
        args = withShell(s.shell(), line);
      }
    }
    String history =
        "RUN " + (script.isEmpty() ? String.join(" ", args) : "<<script") + " # buildkit";
    return new Lowered(
        new RunOp(args, env, s.workdir(), s.user(), network, mounts, script), history);
  }

  /** The config keys of one EXPOSE word: a range {@code 8000-8002/udp} is one key a port. */
  private static Stream<String> exposedPorts(String word) {
    int slash = word.indexOf('/');
    String proto = slash < 0 ? "tcp" : word.substring(slash + 1).toLowerCase(Locale.ROOT);
    String ports = slash < 0 ? word : word.substring(0, slash);
    int dash = ports.indexOf('-');
    if (dash < 0) {
      return Stream.of(ports + "/" + proto);
    }
    int lo = Integer.parseInt(ports.substring(0, dash));
    int hi = Integer.parseInt(ports.substring(dash + 1));
    return IntStream.rangeClosed(lo, hi).mapToObj(p -> p + "/" + proto);
  }

  private static List<String> withShell(List<String> shell, String script) {
    List<String> args = new ArrayList<>(shell);
    args.add(script);
    return args;
  }

  private static List<String> envList(Map<String, String> env) {
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static List<InlineFile> inline(List<HeredocFile> docs) {
    return docs.stream().map(d -> new InlineFile(d.name(), d.content())).toList();
  }

  private static ConfigOp config(Instruction ins, Scope s) {
    if (ins instanceof Env e) {
      return new ConfigOp.Env(pairs(e.pairs()));
    }
    if (ins instanceof Label l) {
      return new ConfigOp.Labels(pairs(l.pairs()));
    }
    if (ins instanceof User u) {
      return new ConfigOp.User(u.user());
    }
    if (ins instanceof Cmd c) {
      return new ConfigOp.Cmd(execArgs(c.command(), s.shell()));
    }
    if (ins instanceof Entrypoint e) {
      return new ConfigOp.Entrypoint(execArgs(e.command(), s.shell()));
    }
    if (ins instanceof Shell sh) {
      return new ConfigOp.Shell(sh.shell());
    }
    if (ins instanceof Expose e) {
      return new ConfigOp.Expose(e.ports().stream().flatMap(Lowering::exposedPorts).toList());
    }
    if (ins instanceof Volume v) {
      return new ConfigOp.Volume(v.paths());
    }
    if (ins instanceof Healthcheck h) {
      return new ConfigOp.Healthcheck(
          h.config().orElse(dev.berth.image.Healthcheck.of(List.of("NONE"))));
    }
    if (ins instanceof StopSignal st) {
      return new ConfigOp.StopSignal(st.signal());
    }
    if (ins instanceof OnBuild o) {
      return new ConfigOp.OnBuild(o.expression());
    }
    if (ins instanceof Maintainer m) {
      return new ConfigOp.Author(m.name());
    }
    if (ins instanceof Arg a) {
      return new ConfigOp.ArgDeclared(InstructionText.of(a));
    }
    throw new AssertionError(ins);
  }

  private static List<String> execArgs(CommandForm form, List<String> shell) {
    if (form instanceof CommandForm.ExecForm e) {
      return e.args();
    }
    return withShell(shell, ((CommandForm.ShellForm) form).script());
  }

  private static Map<String, String> pairs(List<KeyValue> kvs) {
    Map<String, String> m = new LinkedHashMap<>();
    kvs.forEach(kv -> m.put(kv.key(), kv.value()));
    return m;
  }
}
