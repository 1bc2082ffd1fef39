package dev.berth.scaffold;

import java.util.List;

/**
 * Where a project lists what only development needs.
 *
 * @param poetryGroups Poetry's groups other than main ({@code [tool.poetry.group.NAME]}, and {@code
 *     dev} for the older {@code [tool.poetry.dev-dependencies]})
 * @param dependencyGroups PEP 735's {@code [dependency-groups]}
 * @param extras {@code [project.optional-dependencies]} that are for development by their name
 *     ({@code dev}, {@code test}, {@code lint}, ...)
 * @param pdmGroups PDM's {@code [tool.pdm.dev-dependencies]}
 * @param uvDevDependencies whether {@code [tool.uv] dev-dependencies} is set (uv's older form)
 * @param requirementFiles the development requirement files
 */
record DevDependencies(
    List<String> poetryGroups,
    List<String> dependencyGroups,
    List<String> extras,
    List<String> pdmGroups,
    boolean uvDevDependencies,
    List<String> requirementFiles) {

  DevDependencies {
    poetryGroups = List.copyOf(poetryGroups);
    dependencyGroups = List.copyOf(dependencyGroups);
    extras = List.copyOf(extras);
    pdmGroups = List.copyOf(pdmGroups);
    requirementFiles = List.copyOf(requirementFiles);
  }

  /** Whether anything is listed for development at all. */
  public boolean any() {
    return !poetryGroups.isEmpty()
        || !dependencyGroups.isEmpty()
        || !extras.isEmpty()
        || !pdmGroups.isEmpty()
        || uvDevDependencies
        || !requirementFiles.isEmpty();
  }

  /** For people: {@code groups dev, test; extras lint}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    append(sb, "Poetry groups", poetryGroups);
    append(sb, "dependency groups", dependencyGroups);
    append(sb, "extras", extras);
    append(sb, "PDM dev groups", pdmGroups);
    if (uvDevDependencies) {
      append(sb, "tool.uv", List.of("dev-dependencies"));
    }
    append(sb, "files", requirementFiles);
    return sb.length() == 0 ? "none" : sb.toString();
  }

  private static void append(StringBuilder sb, String what, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append("; ");
    }
    sb.append(what).append(' ').append(String.join(", ", names));
  }
}
