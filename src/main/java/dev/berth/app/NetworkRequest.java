package dev.berth.app;

/** The network a build step or a container asks for ({@code --network}). */
public enum NetworkRequest {
  /** The host's network, as docker's {@code --network host}. */
  HOST,
  /** Only a loopback device, as docker's {@code --network none}. */
  NONE
}
