package dev.berth.image.json;

import dev.berth.image.ContainerConfig;
import dev.berth.image.Digest;
import dev.berth.image.Healthcheck;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Platform;
import dev.berth.image.RootFs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates {@link ImageConfig} to and from JSON. The key order is the one docker and BuildKit
 * write (the order of the Go struct fields): {@code created, author, architecture, os, os.version,
 * os.features, variant, config, rootfs, history}; inside {@code config} the OCI fields first, then
 * docker's {@code Healthcheck, OnBuild, Shell}.
 */
final class ConfigJson {
  static final String DOC = "image config";

  private ConfigJson() {}

  static JsonOut write(ImageConfig c) {
    JsonOut out = new JsonOut();
    c.created().ifPresent(t -> out.requiredString("created", Rfc3339.format(t)));
    out.string("author", c.author());
    Platform p = c.platform();
    out.requiredString("architecture", p.architecture())
        .requiredString("os", p.os())
        .string("os.version", p.osVersion())
        .strings("os.features", p.osFeatures())
        .string("variant", p.variant())
        .object("config", writeContainer(c.config()));
    JsonOut rootfs = new JsonOut().requiredString("type", RootFs.TYPE);
    rootfs.requiredStrings("diff_ids", c.diffIds().stream().map(Digest::toString).toList());
    out.object("rootfs", rootfs);
    out.objects("history", c.history().stream().map(ConfigJson::writeHistory).toList());
    return out;
  }

  private static JsonOut writeContainer(ContainerConfig c) {
    JsonOut out =
        new JsonOut()
            .string("User", c.user())
            .keySet("ExposedPorts", c.exposedPorts())
            .strings("Env", c.env())
            .strings("Entrypoint", c.entrypoint())
            .strings("Cmd", c.cmd())
            .keySet("Volumes", c.volumes())
            .string("WorkingDir", c.workingDir())
            .stringMap("Labels", c.labels())
            .string("StopSignal", c.stopSignal())
            .bool("ArgsEscaped", c.argsEscaped());
    c.healthcheck().ifPresent(h -> out.object("Healthcheck", writeHealthcheck(h)));
    return out.strings("OnBuild", c.onBuild()).strings("Shell", c.shell());
  }

  /** Durations are integers of nanoseconds, as Go's time.Duration marshals. */
  private static JsonOut writeHealthcheck(Healthcheck h) {
    return new JsonOut()
        .strings("Test", h.test())
        .number("Interval", h.interval().toNanos())
        .number("Timeout", h.timeout().toNanos())
        .number("StartPeriod", h.startPeriod().toNanos())
        .number("StartInterval", h.startInterval().toNanos())
        .number("Retries", h.retries());
  }

  private static JsonOut writeHistory(History h) {
    JsonOut out = new JsonOut();
    h.created().ifPresent(t -> out.requiredString("created", Rfc3339.format(t)));
    return out.string("created_by", h.createdBy())
        .string("author", h.author())
        .string("comment", h.comment())
        .bool("empty_layer", h.emptyLayer());
  }

  static ImageConfig read(JsonIn in) {
    Platform platform =
        new Platform(
            in.string("architecture"),
            in.string("os"),
            in.string("variant"),
            in.string("os.version"),
            in.strings("os.features"));
    ContainerConfig config =
        in.object("config").map(ConfigJson::readContainer).orElse(ContainerConfig.EMPTY);
    RootFs rootfs = in.object("rootfs").map(ConfigJson::readRootFs).orElse(RootFs.EMPTY);
    List<History> history = new ArrayList<>();
    for (JsonIn h : in.objects("history")) {
      history.add(
          new History(
              h.time("created"),
              h.string("created_by"),
              h.string("author"),
              h.string("comment"),
              h.bool("empty_layer")));
    }
    return new ImageConfig(
        in.time("created"), in.string("author"), platform, config, rootfs, history);
  }

  private static RootFs readRootFs(JsonIn in) {
    String type = in.string("type");
    // The spec: implementations must error on a type they do not know; "layers" is the only one.
    if (!type.equals(RootFs.TYPE)) {
      throw in.error("type", "expected \"" + RootFs.TYPE + "\", got '" + type + "'");
    }
    return new RootFs(in.digests("diff_ids"));
  }

  private static ContainerConfig readContainer(JsonIn in) {
    return ContainerConfig.builder()
        .user(in.string("User"))
        .exposedPorts(in.keySet("ExposedPorts"))
        .env(in.strings("Env"))
        .entrypoint(in.stringOrStrings("Entrypoint"))
        .cmd(in.stringOrStrings("Cmd"))
        .volumes(in.keySet("Volumes"))
        .workingDir(in.string("WorkingDir"))
        .labels(in.stringMap("Labels"))
        .stopSignal(in.string("StopSignal"))
        .argsEscaped(in.bool("ArgsEscaped"))
        .healthcheck(in.object("Healthcheck").map(ConfigJson::readHealthcheck))
        .onBuild(in.strings("OnBuild"))
        .shell(in.stringOrStrings("Shell"))
        .build();
  }

  private static Healthcheck readHealthcheck(JsonIn in) {
    return new Healthcheck(
        in.strings("Test"),
        duration(in, "Interval"),
        duration(in, "Timeout"),
        duration(in, "StartPeriod"),
        duration(in, "StartInterval"),
        nonNegative(in, "Retries", in.intValue("Retries")));
  }

  private static Duration duration(JsonIn in, String name) {
    return Duration.ofNanos(nonNegative(in, name, in.longValue(name)));
  }

  private static <T extends Number> T nonNegative(JsonIn in, String name, T value) {
    if (value.longValue() < 0) {
      throw in.error(name, "must not be negative, got " + value);
    }
    return value;
  }
}
