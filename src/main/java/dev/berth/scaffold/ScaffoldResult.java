package dev.berth.scaffold;

import java.util.List;

/**
 * What {@code berth init} would write for a project, and what it found on the way.
 *
 * @param files the files, in the order they are shown
 * @param findings one line per thing detected ({@code python: 3.11 (requires-python >=3.11)})
 * @param notes what needs a person's attention (no entry point found, an override that the project
 *     does not allow)
 */
public record ScaffoldResult(List<GeneratedFile> files, List<String> findings, List<String> notes) {
  public ScaffoldResult {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }
}
