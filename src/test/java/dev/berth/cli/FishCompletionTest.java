package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class FishCompletionTest {

  enum Colour {
    red,
    green
  }

  @Command(name = "tool", description = "A tool.")
  static final class Tool implements Callable<Integer> {
    @Option(names = "--verbose", description = "Say more. And more.")
    boolean verbose;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "paint", aliases = "pt", description = "Paints it's walls.")
  static final class Paint implements Callable<Integer> {
    @Option(
        names = {"-c", "--colour"},
        description = "The colour.")
    Colour colour;

    @Option(names = "-plan", paramLabel = "FILE", description = "A plan.")
    String plan;

    @Option(names = "--secret", hidden = true, description = "Never shown.")
    String secret;

    @Parameters(paramLabel = "WALL", description = "The wall.")
    Path wall;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "hidden", hidden = true)
  static final class Hidden implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "group", description = "Groups.")
  static final class Group implements Runnable {
    @Override
    public void run() {}
  }

  private static String script() {
    CommandLine root = new CommandLine(new Tool());
    CommandLine group = new CommandLine(new Group());
    group.addSubcommand(new CommandLine(new Paint()));
    root.addSubcommand(group);
    root.addSubcommand(new CommandLine(new Hidden()));
    return FishCompletion.script("tool", root);
  }

  @Test
  void listsEveryCommandPathForTheWalkingHelper() {
    assertThat(script()).contains("set -g __tool_commands 'group' 'group paint'\n");
  }

  @Test
  void subcommandsCompleteWhereTheirParentIsWithTheirDescription() {
    assertThat(script())
        .contains("complete -c tool -n '__tool_at' -a 'group' -d 'Groups'\n")
        .contains("complete -c tool -n '__tool_at group' -a 'paint' -d 'Paints it\\'s walls'\n")
        .doesNotContain("'pt'")
        .doesNotContain("hidden");
  }

  @Test
  void optionsGetTheirNamesValuesAndFirstSentence() {
    String s = script();
    assertThat(s).contains("complete -c tool -n '__tool_at' -l 'verbose' -d 'Say more'\n");
    assertThat(s)
        .contains(
            "complete -c tool -n '__tool_at group paint' -s 'c' -l 'colour' -r -a 'red green'"
                + " -d 'The colour'\n")
        .contains("complete -c tool -n '__tool_at group paint' -o 'plan' -r -F -d 'A plan'\n")
        .doesNotContain("secret");
  }

  @Test
  void onlyPathsCompleteToFiles() {
    String s = script();
    assertThat(s).contains("complete -c tool -f\n");
    assertThat(s).contains("complete -c tool -n '__tool_at group paint' -F\n");
    assertThat(s.lines().filter(l -> l.endsWith(" -F") || l.contains(" -F "))).hasSize(2);
  }

  @Test
  void quotingEscapesBackslashesAndQuotes() {
    assertThat(FishCompletion.quote("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
  }
}
