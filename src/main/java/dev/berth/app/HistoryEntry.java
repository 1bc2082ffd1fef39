package dev.berth.app;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code berth history}, newest step first, as docker's history API gives it.
 *
 * @param id the image ID on the top line, {@code <missing>} below it (berth keeps no parent images)
 * @param size the bytes the step's layer takes unpacked, 0 for a step that made none
 */
public record HistoryEntry(
    String id, Optional<Instant> created, String createdBy, long size, String comment) {}
