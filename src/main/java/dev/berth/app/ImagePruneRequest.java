package dev.berth.app;

import java.util.List;

/**
 * {@code berth image prune}: dangling images only, or with {@code all} every image no container
 * uses; each must pass every filter.
 */
public record ImagePruneRequest(boolean all, List<ImageFilter> filters) {
  public ImagePruneRequest {
    filters = List.copyOf(filters);
  }
}
