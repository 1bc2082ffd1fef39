package dev.berth.plan.op;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A change to the image config only; no layer. */
public sealed interface ConfigOp extends Op {

  @Override
  default String cacheText() {
    return toString();
  }

  /** ENV: set these variables. */
  record Env(Map<String, String> values) implements ConfigOp {
    public Env {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /** LABEL. */
  record Labels(Map<String, String> values) implements ConfigOp {
    public Labels {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /** USER. */
  record User(String user) implements ConfigOp {
    public User {
      Objects.requireNonNull(user, "user");
    }
  }

  /** ENTRYPOINT, already in exec form (a shell form is wrapped in the SHELL). */
  record Entrypoint(List<String> args) implements ConfigOp {
    public Entrypoint {
      args = List.copyOf(args);
    }
  }

  /** CMD, already in exec form. */
  record Cmd(List<String> args) implements ConfigOp {
    public Cmd {
      args = List.copyOf(args);
    }
  }

  /** SHELL. */
  record Shell(List<String> args) implements ConfigOp {
    public Shell {
      args = List.copyOf(args);
    }
  }

  /** EXPOSE, ports normalised to {@code 80/tcp}. */
  record Expose(List<String> ports) implements ConfigOp {
    public Expose {
      ports = List.copyOf(ports);
    }
  }

  /** VOLUME. */
  record Volume(List<String> paths) implements ConfigOp {
    public Volume {
      paths = List.copyOf(paths);
    }
  }

  /** HEALTHCHECK; the test {@code ["NONE"]} turns an inherited check off. */
  record Healthcheck(dev.berth.image.Healthcheck check) implements ConfigOp {
    public Healthcheck {
      Objects.requireNonNull(check, "check");
    }
  }

  /** STOPSIGNAL. */
  record StopSignal(String signal) implements ConfigOp {}

  /** ONBUILD: a trigger stored for images built on this one. */
  record OnBuild(String expression) implements ConfigOp {}

  /** MAINTAINER: the image's author. */
  record Author(String name) implements ConfigOp {}

  /** ARG: nothing changes in the config; the step only appears in the history. */
  record ArgDeclared(String text) implements ConfigOp {}
}
