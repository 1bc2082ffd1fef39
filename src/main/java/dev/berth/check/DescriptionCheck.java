package dev.berth.check;

import dev.berth.dockerfile.syntax.Node;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BuildKit's experimental InvalidDefinitionDescription: the comment right above a named FROM or an
 * ARG is its description, so it should start with the stage's or the argument's name.
 */
final class DescriptionCheck {

  private DescriptionCheck() {}

  static void invalidDefinitionDescription(CheckSubject s, Findings out) {
    Comments comments = new Comments(s.tree().comments());
    for (Node n : s.tree().nodes()) {
      List<String> keys;
      String kind;
      if (n.keyword().equals("arg")) {
        kind = "ARG";
        keys = SyntaxStages.argWords(n).stream().map(SyntaxStages.ArgWord::name).toList();
      } else if (n.keyword().equals("from") && n.args().size() == 3) {
        kind = "FROM";
        keys = List.of(n.args().get(2).toLowerCase(Locale.ROOT));
      } else {
        continue;
      }
      Optional<String> last = comments.description(n);
      if (last.isEmpty() || keys.isEmpty()) {
        continue;
      }
      String first = last.get().split(" ", -1)[0];
      if (keys.contains(first)) {
        continue;
      }
      String example = keys.size() > 1 ? "<arg_key>" : keys.get(0);
      out.add(
          BuildKitRules.INVALID_DEFINITION_DESCRIPTION,
          s.locate().start(n),
          "Comment for " + kind + " should follow the format: `# " + example + " <description>`",
          "start the comment with "
              + example
              + ", or put an empty line between it and the instruction");
    }
  }
}
