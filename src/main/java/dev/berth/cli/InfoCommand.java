package dev.berth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.Berth;
import dev.berth.app.Settings;
import dev.berth.app.SystemInfo;
import dev.berth.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth info}: the store, the real parts berth uses and their versions, rootless state. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Shows where the store is and what berth runs on this host: the OCI runtime, the"
            + " snapshotter, the cgroup version, conmon, the CNI plugins, slirp4netns and"
            + " RootlessKit with their versions, and for an ordinary user the subordinate ID"
            + " ranges, whether the rootless holder runs and what is missing for it.",
    footer = {
      "",
      "Examples:",
      "  berth info",
      "  berth info --format json",
      "  berth info --format '{{.Runtime.Name}} {{.Runtime.Version}}'"
    })
final class InfoCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "json, or a Go template over the fields --format json shows.")
  String format;

  @Override
  public Integer call() throws Exception {
    Berth berth = store.berth();
    SystemInfo info = berth.info(System.getenv()).gather();
    Optional<Path> rootFlag = Optional.ofNullable(store.root);
    PrintWriter out = spec.commandLine().getOut();
    if (format != null) {
      ObjectNode o = json(info, version());
      o.set("Config", json(berth.settings(), rootFlag));
      out.print(OutputFormat.ofInspect(format).renderMaps(List.of(o)));
    } else {
      out.print(text(info, version()));
      out.print(text(berth.settings(), rootFlag));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String version() {
    try {
      return new VersionProvider().getVersion()[0].replaceFirst("^berth ", "");
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** docker-like text: one "Key: value" line each, sub-items indented. */
  static String text(SystemInfo i, String version) {
    StringBuilder b = new StringBuilder();
    line(b, "", "Version", version);
    line(b, "", "Store", i.storeRoot());
    line(b, "", "Snapshotter", i.snapshotter().name() + " (" + i.snapshotter().reason() + ")");
    line(b, "", "Runtime", component(i.runtime()));
    line(b, "", "Cgroup Version", String.valueOf(i.cgroupVersion()));
    line(b, "", "Rootless", String.valueOf(i.rootless().isPresent()));
    i.rootless()
        .ifPresent(
            r -> {
              line(b, " ", "User", r.user() + " (uid " + r.uid() + ", gid " + r.gid() + ")");
              line(
                  b,
                  " ",
                  "Subordinate UIDs",
                  r.subuids().isEmpty() ? "none" : String.join(", ", r.subuids()));
              line(
                  b,
                  " ",
                  "Subordinate GIDs",
                  r.subgids().isEmpty() ? "none" : String.join(", ", r.subgids()));
              line(
                  b,
                  " ",
                  "Holder",
                  r.holderPid().map(p -> "running (pid " + p + ")").orElse("not running"));
              if (r.missing().isEmpty()) {
                line(b, " ", "Prerequisites", "all present");
              } else {
                line(b, " ", "Missing", "");
                r.missing().forEach(m -> b.append("  ").append(m).append('\n'));
              }
            });
    b.append("Components:\n");
    for (SystemInfo.Component c : i.components()) {
      line(b, " ", c.name(), component(c));
    }
    line(b, " ", "CNI plugins", i.cniPluginDir().orElse("not installed"));
    SystemInfo.Registries r = i.registries();
    line(
        b,
        "",
        "Search Registries",
        r.search().isEmpty()
            ? "none (short names are Docker Hub's)"
            : String.join(", ", r.search()));
    list(b, "Registry Mirrors", r.mirrors());
    list(b, "Insecure Registries", r.insecure());
    list(b, "Blocked Registries", r.blocked());
    list(b, "Registries Files", r.files());
    line(b, "", "Kernel Version", i.kernel());
    line(b, "", "Operating System", i.operatingSystem());
    line(b, "", "Architecture", i.architecture());
    line(b, "", "CPUs", String.valueOf(i.cpus()));
    line(b, "", "Total Memory", Sizes.binary(i.memoryBytes()));
    return b.toString();
  }

  /** The config file and where each setting came from: a flag, a variable, the file, default. */
  static String text(Settings s, Optional<Path> rootFlag) {
    StringBuilder b = new StringBuilder();
    line(b, "", "Config File", s.config().file() + (s.config().found() ? "" : " (not found)"));
    line(b, "", "Settings", "");
    line(
        b,
        " ",
        "Store Root",
        rootFlag.map(r -> r + " (--root)").orElseGet(() -> setting(s.root())));
    line(b, " ", "Runtime", setting(s.runtime()));
    line(b, " ", "Network", setting(s.network()));
    line(b, " ", "Parallelism", setting(s.parallelism()));
    line(b, " ", "Progress", setting(s.progress()));
    return b.toString();
  }

  private static String setting(Settings.Setting<?> s) {
    return s.value()
        + " ("
        + (s.source() == Settings.Source.CONFIG ? "config file" : s.from())
        + ")";
  }

  static ObjectNode json(Settings s, Optional<Path> rootFlag) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("File", s.config().file().toString());
    o.put("Found", s.config().found());
    ObjectNode settings = o.putObject("Settings");
    ObjectNode root = setting(settings, "StoreRoot", s.root());
    if (rootFlag.isPresent()) {
      root.put("Value", rootFlag.get().toString());
      root.put("Source", "flag");
      root.put("From", "--root");
    }
    setting(settings, "Runtime", s.runtime());
    setting(settings, "Network", s.network());
    setting(settings, "Parallelism", s.parallelism());
    setting(settings, "Progress", s.progress());
    return o;
  }

  private static ObjectNode setting(ObjectNode parent, String key, Settings.Setting<?> s) {
    ObjectNode o = parent.putObject(key);
    if (s.value() instanceof Integer i) {
      o.put("Value", i);
    } else {
      o.put("Value", s.value().toString());
    }
    o.put("Source", s.source().name().toLowerCase(java.util.Locale.ROOT));
    o.put("From", s.from());
    return o;
  }

  /** docker's shape for a list: the key, then one indented item a line; nothing when empty. */
  private static void list(StringBuilder b, String key, List<String> items) {
    if (!items.isEmpty()) {
      line(b, "", key, "");
      items.forEach(item -> b.append(' ').append(item).append('\n'));
    }
  }

  private static void line(StringBuilder b, String indent, String key, String value) {
    b.append(indent).append(key).append(':');
    if (!value.isEmpty()) {
      b.append(' ').append(value);
    }
    b.append('\n');
  }

  private static String component(SystemInfo.Component c) {
    if (c.path().isEmpty()) {
      return c.name().startsWith("chroot") ? c.name() : "not installed";
    }
    String name = c.name().equals("crun") || c.name().equals("runc") ? c.name() + " " : "";
    return name + c.version().orElse("(version unknown)") + " (" + c.path().get() + ")";
  }

  /** The JSON {@code --format json} prints, docker-style field names. */
  static ObjectNode json(SystemInfo i, String version) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("Version", version);
    o.put("StoreRoot", i.storeRoot());
    ObjectNode snap = o.putObject("Snapshotter");
    snap.put("Name", i.snapshotter().name());
    snap.put("Reason", i.snapshotter().reason());
    o.set("Runtime", component(f, i.runtime()));
    o.put("CgroupVersion", i.cgroupVersion());
    o.put("Rootless", i.rootless().isPresent());
    i.rootless()
        .ifPresent(
            r -> {
              ObjectNode ro = o.putObject("RootlessInfo");
              ro.put("User", r.user());
              ro.put("Uid", r.uid());
              ro.put("Gid", r.gid());
              strings(ro.putArray("SubUIDs"), r.subuids());
              strings(ro.putArray("SubGIDs"), r.subgids());
              ro.put("HolderRunning", r.holderPid().isPresent());
              r.holderPid()
                  .ifPresentOrElse(p -> ro.put("HolderPid", p), () -> ro.putNull("HolderPid"));
              strings(ro.putArray("Missing"), r.missing());
            });
    ArrayNode components = o.putArray("Components");
    i.components().forEach(c -> components.add(component(f, c)));
    putOptional(o, "CNIPluginDir", i.cniPluginDir());
    ObjectNode reg = o.putObject("RegistryConfig");
    strings(reg.putArray("SearchRegistries"), i.registries().search());
    strings(reg.putArray("Mirrors"), i.registries().mirrors());
    strings(reg.putArray("InsecureRegistries"), i.registries().insecure());
    strings(reg.putArray("BlockedRegistries"), i.registries().blocked());
    strings(reg.putArray("Files"), i.registries().files());
    o.put("KernelVersion", i.kernel());
    o.put("OperatingSystem", i.operatingSystem());
    o.put("Architecture", i.architecture());
    o.put("NCPU", i.cpus());
    o.put("MemTotal", i.memoryBytes());
    return o;
  }

  private static ObjectNode component(JsonNodeFactory f, SystemInfo.Component c) {
    ObjectNode o = f.objectNode();
    o.put("Name", c.name());
    putOptional(o, "Path", c.path());
    putOptional(o, "Version", c.version());
    return o;
  }

  private static void putOptional(ObjectNode o, String key, Optional<String> v) {
    if (v.isPresent()) {
      o.put(key, v.get());
    } else {
      o.putNull(key);
    }
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
