package dev.berth.runtime;

/** The network a container sees: the host's, or its own with only a loopback device. */
public enum NetworkMode {
  HOST,
  NONE
}
