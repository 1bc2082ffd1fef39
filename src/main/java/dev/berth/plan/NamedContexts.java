package dev.berth.plan;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's named contexts ({@code --build-context}) as the plan sees them: names that stand for
 * an image, and names that stand for a directory the solver reads. A name found here wins over a
 * stage or an image of the same name in {@code FROM}, {@code COPY --from} and {@code RUN
 * --mount=from}.
 *
 * @param images name to image reference ({@code docker-image://REF})
 * @param directories names of directory contexts
 */
public record NamedContexts(Map<String, String> images, Set<String> directories) {

  public static final NamedContexts NONE = new NamedContexts(Map.of(), Set.of());

  public NamedContexts {
    images = Map.copyOf(images);
    directories = Set.copyOf(directories);
  }

  /** Whether {@code name} (any case, as stage names are) is a named context. */
  public boolean has(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return images.containsKey(lower) || directories.contains(lower);
  }

  public Optional<String> image(String name) {
    return Optional.ofNullable(images.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean isDirectory(String name) {
    return directories.contains(name.toLowerCase(Locale.ROOT));
  }
}
