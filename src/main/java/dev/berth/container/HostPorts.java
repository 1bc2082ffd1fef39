package dev.berth.container;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a host port is free, found by binding it for a moment. */
final class HostPorts {

  private HostPorts() {}

  static boolean free(PortMapping p) {
    try {
      InetAddress addr =
          p.hostIp().isEmpty()
              ? InetAddress.getByName("0.0.0.0")
              : InetAddress.getByName(p.hostIp());
      InetSocketAddress at = new InetSocketAddress(addr, p.hostPort());
      if (p.protocol().equals("udp")) {
        try (DatagramSocket s = new DatagramSocket(at)) {
          return true;
        }
      }
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(at);
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }
}
