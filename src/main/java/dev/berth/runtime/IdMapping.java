package dev.berth.runtime;

/**
 * One line of a user namespace's ID map: {@code size} IDs from {@code containerId} inside are
 * {@code hostId} and up in the namespace berth runs in.
 */
public record IdMapping(long containerId, long hostId, long size) {
  public IdMapping {
    if (containerId < 0 || hostId < 0 || size <= 0) {
      throw new IllegalArgumentException(
          "bad ID mapping " + containerId + ":" + hostId + ":" + size);
    }
  }
}
