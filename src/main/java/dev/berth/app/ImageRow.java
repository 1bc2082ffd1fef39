package dev.berth.app;

import java.time.Instant;
import java.util.Optional;

/** One line of {@code berth images}: a name (repository and tag) and the image it points at. */
public record ImageRow(
    String repository, String tag, String imageId, Optional<Instant> created, long size) {}
