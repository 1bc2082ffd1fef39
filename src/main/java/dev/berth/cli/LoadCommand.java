package dev.berth.cli;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth load}: images from an archive. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Loads images from a docker-archive tar (what docker save writes) or an OCI image layout"
          + " (a directory, or a tar of one), telling them apart by their contents. A gzip- or"
          + " zstd-compressed tar is read too.",
      "Every blob is verified; on any error the store is left as it was."
    },
    footer = {
      "",
      "Examples:",
      "  berth load -i busybox.tar",
      "  docker save myapp:1 | gzip > myapp.tar.gz && berth load -i myapp.tar.gz",
      "  berth load -i ./oci-layout-dir",
      "  berth load < app.tar",
      "  docker save busybox | berth load"
    })
final class LoadCommand implements Callable<Integer>, StdinFactory.ReadsStdin {

  private InputStream stdin;

  @Override
  public void stdin(InputStream in) {
    this.stdin = in;
  }

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "The archive file or OCI layout directory (default: standard input).")
  Path input;

  @Override
  public Integer call() throws Exception {
    List<String> loaded;
    if (input != null) {
      loaded = store.berth().images().load(input);
    } else {
      // Only the process's own stdin can be a terminal; an in-process caller hands a stream.
      if (stdin == null || (stdin == System.in && Terminals.isTty(0))) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "requested load from stdin, but stdin is a terminal: use -i FILE or redirect an"
                + " archive in (berth load < image.tar)");
      }
      loaded = store.berth().images().load(stdin);
    }
    loaded.forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
