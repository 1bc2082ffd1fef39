package dev.berth.container;

import java.io.IOException;
import java.util.List;

/**
 * Makes published ports reachable on the host when the network namespace containers attach to is
 * not the host's own (rootless berth): CNI's portmap forwards inside that namespace, and this
 * carries the host's port to it.
 */
public interface PortPublisher {

  /** Publishes {@code ports} on the host; returns one handle per port, to withdraw them with. */
  List<String> publish(List<PortMapping> ports) throws IOException;

  /** Withdraws what {@link #publish} returned; handles already gone are skipped. */
  void withdraw(List<String> handles) throws IOException;

  /**
   * How CNI's portmap must see a port: as given when berth runs on the host; on every address of
   * the inner namespace otherwise, since the traffic arrives there through the publisher.
   */
  PortMapping inner(PortMapping port);

  /** Berth on the host: CNI's portmap rules in the host's namespace are all it takes. */
  PortPublisher HOST =
      new PortPublisher() {
        @Override
        public List<String> publish(List<PortMapping> ports) {
          return List.of();
        }

        @Override
        public void withdraw(List<String> handles) {}

        @Override
        public PortMapping inner(PortMapping port) {
          return port;
        }
      };
}
