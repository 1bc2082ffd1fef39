package dev.berth.plan;

import dev.berth.image.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The args every build defines without an ARG: platforms, and proxies passed through to RUN. */
final class PredefinedArgs {

  /** Passed to RUN when given as build args, without being declared, and never warned about. */
  static final Set<String> PROXY =
      Set.of(
          "HTTP_PROXY",
          "http_proxy",
          "HTTPS_PROXY",
          "https_proxy",
          "FTP_PROXY",
          "ftp_proxy",
          "NO_PROXY",
          "no_proxy",
          "ALL_PROXY",
          "all_proxy");

  /** Build args that configure the builder itself rather than a stage. */
  static final Set<String> BUILDER =
      Set.of(
          "SOURCE_DATE_EPOCH",
          "BUILDKIT_INLINE_CACHE",
          "BUILDKIT_SYNTAX",
          "BUILDKIT_MULTI_PLATFORM",
          "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
          "BUILDKIT_SANDBOX_HOSTNAME");

  private PredefinedArgs() {}

  static Map<String, String> platformArgs(Platform build, Platform target) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("BUILDPLATFORM", build.toString());
    m.put("BUILDOS", build.os());
    m.put("BUILDARCH", build.architecture());
    m.put("BUILDVARIANT", build.variant());
    m.put("TARGETPLATFORM", target.toString());
    m.put("TARGETOS", target.os());
    m.put("TARGETARCH", target.architecture());
    m.put("TARGETVARIANT", target.variant());
    return m;
  }

  private static final Set<String> PLATFORM =
      Set.of(
          "BUILDPLATFORM",
          "BUILDOS",
          "BUILDARCH",
          "BUILDVARIANT",
          "TARGETPLATFORM",
          "TARGETOS",
          "TARGETARCH",
          "TARGETVARIANT");

  static boolean isPredefined(String name) {
    return PROXY.contains(name) || BUILDER.contains(name) || PLATFORM.contains(name);
  }
}
