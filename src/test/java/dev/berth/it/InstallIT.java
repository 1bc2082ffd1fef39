package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man pages `package` renders and what bin/install puts where. */
class InstallIT {

  private static final Path MAN = Path.of("target", "man", "man1").toAbsolutePath();

  @TempDir Path tmp;

  /** A page as man shows it, plain text at a fixed width. */
  private static String man(Path page) throws IOException {
    Tools.require("man", "man -l renders the generated pages");
    Berth.Result r =
        Berth.exec(
                List.of("man", "-l", page.toString()),
                Map.of("MANWIDTH", "200", "MAN_KEEP_FORMATTING", "", "PAGER", "cat"))
            .ok();
    assertThat(r.err()).as("man's warnings").isEmpty();
    return r.out();
  }

  @Test
  void theBuildPageRendersWithNameSynopsisAndItsOptions() throws IOException {
    String page = man(MAN.resolve("berth-build.1"));
    assertThat(page.lines().map(String::strip))
        .contains("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "--target=STAGE");
    assertThat(page).contains("berth-build - Builds an image from a Dockerfile");
    // Labels with brackets, which AsciiDoc would read as attributes unless escaped, come through.
    assertThat(page).contains("[--platform=OS/ARCH[/VARIANT]]", "[-t=NAME[:TAG]]...");
  }

  @Test
  void everyCommandAndSubcommandHasAPage() throws IOException {
    for (String name : List.of("berth", "berth-run", "berth-compose-up", "berth-system-prune")) {
      assertThat(MAN.resolve(name + ".1")).exists();
    }
    String top = man(MAN.resolve("berth.1"));
    assertThat(top).contains("COMMANDS").contains("completion");
  }

  @Test
  void installPutsTheLauncherJarCompletionsAndPagesUnderThePrefix() throws IOException {
    Path dest = tmp.resolve("dest");
    Berth.exec(List.of("bin/install"), Map.of("PREFIX", "/usr", "DESTDIR", dest.toString())).ok();
    Path usr = dest.resolve("usr");
    assertThat(usr.resolve("share/berth/berth.jar")).exists();
    assertThat(usr.resolve("share/man/man1/berth-build.1"))
        .hasSameTextualContentAs(MAN.resolve("berth-build.1"));
    assertThat(usr.resolve("share/bash-completion/completions/berth"))
        .content()
        .contains("complete -F");
    assertThat(usr.resolve("share/fish/vendor_completions.d/berth.fish"))
        .content()
        .contains("complete -c berth -f");
    assertThat(usr.resolve("share/berth/berth.zsh")).content().contains("bashcompinit");
    // The installed launcher finds the jar beside it (PREFIX/share/berth).
    Berth.Result v = Berth.exec(usr.resolve("bin/berth").toString(), "--version").ok();
    assertThat(v.out()).startsWith("berth ");
    assertThat(Files.isExecutable(usr.resolve("bin/berth"))).isTrue();
  }
}
