package dev.berth.app;

import java.util.List;

/**
 * What {@code berth images} shows: a row per name, and a line per name whose image cannot be read
 * (a blob it needs is missing or malformed), so one broken ref never hides the rest.
 */
public record ImageListing(List<ImageRow> rows, List<String> broken) {
  public ImageListing {
    rows = List.copyOf(rows);
    broken = List.copyOf(broken);
  }
}
