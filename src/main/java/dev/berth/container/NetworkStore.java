package dev.berth.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Digest;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The networks room of the store: one JSON file per network. The default network {@code berth}
 * (bridge {@code berth0}, 10.89.0.0/24) is made the first time a container needs it; others get the
 * next free 10.89.N.0/24.
 */
public final class NetworkStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final Pattern SUBNET =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  private static final Path IPAM = Path.of("/run/berth/ipam");

  private final Store store;
  private final Path root;

  public NetworkStore(Store store) throws IOException {
    this.store = store;
    this.root = Files.createDirectories(store.layout().networks());
  }

  /**
   * Where the host-local plugin keeps which addresses are taken: one place per host (per user
   * namespace when rootless), not per store, because every store's default network is the same
   * bridge and subnet, and two stores handing out the same address would break both.
   */
  Path ipamDir() {
    return IPAM;
  }

  /** Every network, the default one included once it exists, sorted by name. */
  public List<Network> list() throws IOException {
    List<Network> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*.json")) {
      for (Path f : files) {
        out.add(read(f));
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  public Optional<Network> get(String name) throws IOException {
    Path f = root.resolve(name + ".json");
    try {
      return NAME.matcher(name).matches() ? Optional.of(read(f)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** A network by name or ID prefix, as docker finds them. */
  public Network find(String ref) throws IOException {
    Optional<Network> byName = get(ref);
    if (byName.isPresent()) {
      return byName.get();
    }
    if (ref.equals(Network.DEFAULT)) {
      return ensureDefault();
    }
    List<Network> matches = list().stream().filter(n -> n.id().startsWith(ref)).toList();
    if (matches.size() == 1 && ref.length() >= 3) {
      return matches.get(0);
    }
    throw new BerthException(
        ErrorKind.NOT_FOUND, "no-such-network", "network " + ref + " not found");
  }

  /** The default network, made when it does not exist yet. */
  public Network ensureDefault() throws IOException {
    try (var held = store.lock().acquire()) {
      Optional<Network> n = get(Network.DEFAULT);
      if (n.isPresent()) {
        return n.get();
      }
      return write(
          new Network(
              Network.DEFAULT,
              newId(),
              "10.89.0.0/24",
              "10.89.0.1",
              "berth0",
              Instant.now(),
              Map.of()));
    }
  }

  /**
   * Makes a network with its own bridge and subnet (the next free 10.89.N.0/24 unless given).
   *
   * @throws BerthException CONFLICT when the name or the subnet is taken
   */
  public Network create(String name, Optional<String> subnet, Map<String, String> labels)
      throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw BerthException.invalid(
          "invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    if (name.equals("host") || name.equals("none") || name.equals("bridge")) {
      throw BerthException.invalid("network name " + name + " is reserved");
    }
    try (var held = store.lock().acquire()) {
      if (get(name).isPresent() || name.equals(Network.DEFAULT)) {
        throw new BerthException(
            ErrorKind.CONFLICT, "network-exists", "network with name " + name + " already exists");
      }
      Set<String> taken = new HashSet<>();
      for (Network n : list()) {
        taken.add(n.subnet());
      }
      taken.add("10.89.0.0/24");
      String net;
      if (subnet.isPresent()) {
        net = canonicalSubnet(subnet.get());
        if (taken.contains(net)) {
          throw new BerthException(
              ErrorKind.CONFLICT, "subnet-taken", "subnet " + net + " is used by another network");
        }
      } else {
        net = null;
        for (int i = 1; i < 255 && net == null; i++) {
          String candidate = "10.89." + i + ".0/24";
          if (!taken.contains(candidate)) {
            net = candidate;
          }
        }
        if (net == null) {
          throw BerthException.precondition("no free 10.89.N.0/24 subnet is left for a network");
        }
      }
      String id = newId();
      return write(
          new Network(
              name, id, net, firstHost(net), "berth-" + id.substring(0, 8), Instant.now(), labels));
    }
  }

  /** Removes a network that no container uses (the caller checks). */
  public void delete(Network n) throws IOException {
    try (var held = store.lock().acquire()) {
      Files.deleteIfExists(root.resolve(n.name() + ".json"));
    }
  }

  private Network write(Network n) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", n.name())
        .put("id", n.id())
        .put("subnet", n.subnet())
        .put("gateway", n.gateway())
        .put("bridge", n.bridge())
        .put("created", n.created().toString());
    ObjectNode labels = o.putObject("labels");
    n.labels().forEach(labels::put);
    AtomicFiles.write(root.resolve(n.name() + ".json"), JSON.writeValueAsBytes(o), root);
    return n;
  }

  private static Network read(Path f) throws IOException {
    try {
      JsonNode o = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
      Map<String, String> labels = new LinkedHashMap<>();
      o.path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      return new Network(
          o.path("name").asText(),
          o.path("id").asText(),
          o.path("subnet").asText(),
          o.path("gateway").asText(),
          o.path("bridge").asText(),
          Instant.parse(o.path("created").asText()),
          labels);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, f + ": corrupt network record: " + e.getMessage(), e);
    }
  }

  /** {@code 10.90.0.7/16} as {@code 10.90.0.0/16}; refuses what is not an IPv4 subnet. */
  static String canonicalSubnet(String s) throws BerthException {
    Matcher m = SUBNET.matcher(s.trim());
    int prefix = m.matches() ? Integer.parseInt(m.group(5)) : -1;
    if (prefix < 8 || prefix > 30) {
      throw BerthException.invalid(
          "invalid subnet '" + s + "': expected an IPv4 CIDR such as 10.90.0.0/24 (/8 to /30)");
    }
    long addr = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        throw BerthException.invalid("invalid subnet '" + s + "': octet " + octet + " > 255");
      }
      addr = (addr << 8) | octet;
    }
    long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return dotted(addr & mask) + "/" + prefix;
  }

  private static String firstHost(String subnet) {
    Matcher m = SUBNET.matcher(subnet);
    m.matches();
    long addr = 0;
    for (int i = 1; i <= 4; i++) {
      addr = (addr << 8) | Integer.parseInt(m.group(i));
    }
    return dotted(addr + 1);
  }

  private static String dotted(long a) {
    return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
  }

  private static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A stable short digest of a name, for bridge names of networks made elsewhere. */
  static String shortHash(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 8);
  }
}
