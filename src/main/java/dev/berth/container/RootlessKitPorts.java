package dev.berth.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Publishes ports through RootlessKit's built-in port driver ({@code rootlessctl add-ports}): it
 * listens on the host and connects to the same port on the holder namespace's loopback, where CNI's
 * portmap rules take the traffic on to the container.
 */
public final class RootlessKitPorts implements PortPublisher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path apiSocket;

  public RootlessKitPorts(Path apiSocket) {
    this.apiSocket = apiSocket;
  }

  @Override
  public List<String> publish(List<PortMapping> ports) throws IOException {
    List<String> handles = new ArrayList<>();
    try {
      for (PortMapping p : ports) {
        String spec =
            (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
                + ":"
                + p.hostPort()
                + ":"
                + p.hostPort()
                + "/"
                + p.protocol();
        Result r = rootlessctl(List.of("add-ports", "--json", spec));
        if (r.code() != 0) {
          throw new BerthException(
              ErrorKind.CONFLICT,
              "port-allocated",
              "Bind for "
                  + (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
                  + ":"
                  + p.hostPort()
                  + " failed: "
                  + r.output().strip());
        }
        JsonNode added = JSON.readTree(r.output());
        handles.add(added.path("id").asText());
      }
    } catch (IOException | RuntimeException e) {
      try {
        withdraw(handles);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return List.copyOf(handles);
  }

  @Override
  public void withdraw(List<String> handles) throws IOException {
    for (String h : handles) {
      // A holder started again since knows none of the old IDs: nothing left to withdraw.
      rootlessctl(List.of("remove-ports", h));
    }
  }

  @Override
  public PortMapping inner(PortMapping port) {
    return new PortMapping("", port.hostPort(), port.containerPort(), port.protocol());
  }

  private record Result(int code, String output) {}

  private Result rootlessctl(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("rootlessctl", "--socket", apiSocket.toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("rootlessctl " + args.get(0) + " timed out");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: rootlessctl " + args.get(0), e);
    }
    return new Result(p.exitValue(), out);
  }
}
