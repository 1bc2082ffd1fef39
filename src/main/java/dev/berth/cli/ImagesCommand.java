package dev.berth.cli;

import dev.berth.app.Durations;
import dev.berth.app.ImageRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth images}: the images in the store. */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description =
        "Lists the images in berth's store: repository, tag, image ID, when it was created, size.",
    footer = {
      "",
      "The store is $BERTH_ROOT, else /var/lib/berth for root, else ~/.local/share/berth.",
      "",
      "Examples:",
      "  berth images",
      "  berth images -q            # image IDs only",
      "  berth images --no-trunc"
    })
final class ImagesCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only show image IDs.")
  boolean quiet;

  @Option(names = "--no-trunc", description = "Show full image IDs.")
  boolean noTrunc;

  @Override
  public Integer call() throws Exception {
    List<ImageRow> rows = store.berth().images().list();
    PrintWriter out = spec.commandLine().getOut();
    if (quiet) {
      rows.stream().map(r -> id(r.imageId())).distinct().forEach(out::println);
      return ExitCodes.OK;
    }
    String format = "%-40s %-20s %-" + (noTrunc ? 71 : 12) + "s %-16s %s%n";
    out.printf(format, "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
    Instant now = Instant.now();
    for (ImageRow r : rows) {
      out.printf(
          format,
          r.repository(),
          r.tag(),
          id(r.imageId()),
          r.created().map(c -> ago(c, now)).orElse("N/A"),
          Sizes.human(r.size()));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private String id(String imageId) {
    String hex = imageId.substring(imageId.indexOf(':') + 1);
    return noTrunc ? imageId : hex.substring(0, 12);
  }

  /** "3 days ago", as docker shows creation times. */
  static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    return d.isNegative() ? "in the future" : Durations.human(d) + " ago";
  }
}
