package dev.berth.check;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** BuildKit's checks of {@code FROM ... AS name}: casing, repeats and reserved names. */
final class StageNameChecks {

  private static final Set<String> RESERVED = Set.of("context", "scratch");

  private StageNameChecks() {}

  static void stageNameCasing(CheckSubject s, Findings out) {
    for (SyntaxStages.Stage st : s.stages().stages()) {
      String name = st.name().orElse("");
      if (!name.equals(name.toLowerCase(Locale.ROOT))) {
        out.add(
            BuildKitRules.STAGE_NAME_CASING,
            s.locate().word(st.from(), name),
            "Stage name '" + name + "' should be lowercase",
            "write the stage name in lower case (AS "
                + name.toLowerCase(Locale.ROOT)
                + ") and refer to it that way");
      }
    }
  }

  static void fromAsCasing(CheckSubject s, Findings out) {
    for (SyntaxStages.Stage st : s.stages().stages()) {
      List<String> a = st.from().args();
      if (a.size() < 3) {
        continue;
      }
      String from = st.from().writtenKeyword();
      String as = a.get(1);
      boolean lower = from.equals(from.toLowerCase(Locale.ROOT));
      boolean upper = from.equals(from.toUpperCase(Locale.ROOT));
      // A FROM of mixed case is ConsistentInstructionCasing's to report.
      if (!lower && !upper) {
        continue;
      }
      String want = lower ? as.toLowerCase(Locale.ROOT) : as.toUpperCase(Locale.ROOT);
      if (!as.equals(want)) {
        out.add(
            BuildKitRules.FROM_AS_CASING,
            s.locate().word(st.from(), as, true, from.length() + 1 + a.get(0).length()),
            "'" + as + "' and '" + from + "' keywords' casing do not match",
            "write '" + want + "' to match '" + from + "'");
      }
    }
  }

  static void duplicateStageName(CheckSubject s, Findings out) {
    Set<String> seen = new HashSet<>();
    for (SyntaxStages.Stage st : s.stages().stages()) {
      if (st.lowerName().isEmpty()) {
        continue;
      }
      String name = st.lowerName().get();
      if (!seen.add(name)) {
        out.add(
            BuildKitRules.DUPLICATE_STAGE_NAME,
            s.locate().word(st.from(), st.name().get()),
            "Duplicate stage name " + Quotes.go(name) + ", stage names should be unique",
            "give this stage a name of its own; --from and --target cannot tell the two apart");
      }
    }
  }

  static void reservedStageName(CheckSubject s, Findings out) {
    for (SyntaxStages.Stage st : s.stages().stages()) {
      if (st.lowerName().filter(RESERVED::contains).isPresent()) {
        String name = st.lowerName().get();
        out.add(
            BuildKitRules.RESERVED_STAGE_NAME,
            s.locate().word(st.from(), st.name().get()),
            "Stage name should not use the same name as reserved stage " + Quotes.go(name),
            "rename the stage: '" + name + "' already means something to the builder");
      }
    }
  }
}
