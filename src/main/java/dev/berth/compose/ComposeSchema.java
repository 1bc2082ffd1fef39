package dev.berth.compose;

import static dev.berth.compose.Shape.any;
import static dev.berth.compose.Shape.bool;
import static dev.berth.compose.Shape.dict;
import static dev.berth.compose.Shape.integer;
import static dev.berth.compose.Shape.kinds;
import static dev.berth.compose.Shape.list;
import static dev.berth.compose.Shape.number;
import static dev.berth.compose.Shape.obj;
import static dev.berth.compose.Shape.oneOf;
import static dev.berth.compose.Shape.oneOfValues;
import static dev.berth.compose.Shape.str;
import static dev.berth.compose.Shape.uniqueList;

import dev.berth.compose.YScalar.Kind;

/**
 * The shape of a compose file, after the Compose Specification's JSON schema as docker compose
 * applies it: the keys each mapping may have (and {@code x-} extensions), and the types of their
 * values. Written from the schema's facts, not copied from it.
 */
final class ComposeSchema {

  private ComposeSchema() {}

  private static final String NAME = "^[a-zA-Z0-9._-]+$";
  private static final String NAME_RULE = "a name of letters, digits, '.', '_' and '-'";

  private static final Shape STR_OR_BOOL = kinds(Kind.STRING, Kind.BOOL);
  private static final Shape STR_OR_INT = kinds(Kind.STRING, Kind.INT);
  private static final Shape STR_OR_NUMBER = kinds(Kind.STRING, Kind.INT, Kind.FLOAT);
  private static final Shape STRING_OR_LIST = oneOf(str(), uniqueList(str()));
  private static final Shape LIST_OF_STRINGS = uniqueList(str());
  private static final Shape LIST_OR_DICT =
      oneOf(
          dict(kinds(Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.NULL)), uniqueList(str()));
  private static final Shape COMMAND = oneOf(kinds(Kind.NULL), str(), list(str()));
  private static final Shape EXTRA_HOSTS =
      oneOf(dict(oneOf(str(), list(str()))), uniqueList(str()));
  private static final Shape DRIVER_OPTS = dict(kinds(Kind.STRING, Kind.INT, Kind.FLOAT));

  private static final Shape ULIMITS =
      dict(
          "^[a-z]+$",
          "a ulimit name in lower case",
          oneOf(STR_OR_INT, obj("hard", STR_OR_INT, "soft", STR_OR_INT).require("soft", "hard")));

  private static final Shape FILE_REFERENCES =
      list(
          oneOf(
              str(),
              obj(
                  "source", str(),
                  "target", str(),
                  "uid", str(),
                  "gid", str(),
                  "mode", STR_OR_NUMBER)));

  private static final Shape SERVICE_HOOK =
      obj(
              "command", COMMAND,
              "user", str(),
              "privileged", STR_OR_BOOL,
              "working_dir", str(),
              "environment", LIST_OR_DICT)
          .require("command");

  private static final Shape BUILD =
      oneOf(
          str(),
          obj(
              "context", str(),
              "dockerfile", str(),
              "dockerfile_inline", str(),
              "entitlements", list(str()),
              "args", LIST_OR_DICT,
              "ssh", LIST_OR_DICT,
              "labels", LIST_OR_DICT,
              "cache_from", list(str()),
              "cache_to", list(str()),
              "no_cache", STR_OR_BOOL,
              "no_cache_filter", STRING_OR_LIST,
              "additional_contexts", LIST_OR_DICT,
              "network", str(),
              "provenance", STR_OR_BOOL,
              "sbom", STR_OR_BOOL,
              "pull", STR_OR_BOOL,
              "target", str(),
              "shm_size", STR_OR_INT,
              "extra_hosts", EXTRA_HOSTS,
              "isolation", str(),
              "privileged", STR_OR_BOOL,
              "secrets", FILE_REFERENCES,
              "tags", list(str()),
              "ulimits", ULIMITS,
              "platforms", list(str())));

  private static final Shape BLKIO_LIMIT = obj("path", str(), "rate", STR_OR_INT).noExtensions();
  private static final Shape BLKIO_WEIGHT = obj("path", str(), "weight", STR_OR_INT).noExtensions();

  private static final Shape DEVICE_REQUESTS =
      list(
          obj(
              "capabilities", LIST_OF_STRINGS,
              "count", STR_OR_INT,
              "device_ids", LIST_OF_STRINGS,
              "driver", str(),
              "options", LIST_OR_DICT));

  private static final Shape UPDATE_CONFIG =
      obj(
          "parallelism", STR_OR_INT,
          "delay", str(),
          "failure_action", str(),
          "monitor", str(),
          "max_failure_ratio", STR_OR_NUMBER,
          "order", oneOfValues("start-first", "stop-first"));

  private static final Shape RESOURCE =
      obj(
          "cpus", STR_OR_NUMBER,
          "memory", str(),
          "pids", STR_OR_INT,
          "generic_resources",
              list(obj("discrete_resource_spec", obj("kind", str(), "value", STR_OR_NUMBER))),
          "devices", DEVICE_REQUESTS);

  private static final Shape DEPLOY =
      oneOf(
          kinds(Kind.NULL),
          obj(
              "mode", str(),
              "endpoint_mode", str(),
              "replicas", STR_OR_INT,
              "labels", LIST_OR_DICT,
              "rollback_config", UPDATE_CONFIG,
              "update_config", UPDATE_CONFIG,
              "resources", obj("limits", RESOURCE, "reservations", RESOURCE),
              "restart_policy",
                  obj(
                      "condition", str(),
                      "delay", str(),
                      "max_attempts", STR_OR_INT,
                      "window", str()),
              "placement",
                  obj(
                      "constraints", list(str()),
                      "preferences", list(obj("spread", str())),
                      "max_replicas_per_node", STR_OR_INT)));

  private static final Shape DEVELOP =
      oneOf(
          kinds(Kind.NULL),
          obj(
              "watch",
              list(
                  obj(
                          "ignore",
                          STRING_OR_LIST,
                          "include",
                          STRING_OR_LIST,
                          "path",
                          str(),
                          "action",
                          oneOfValues("rebuild", "sync", "restart", "sync+restart", "sync+exec"),
                          "target",
                          str(),
                          "exec",
                          SERVICE_HOOK)
                      .require("path", "action"))));

  private static final Shape HEALTHCHECK =
      obj(
          "disable", STR_OR_BOOL,
          "interval", str(),
          "retries", STR_OR_NUMBER,
          "test", oneOf(str(), list(str())),
          "timeout", str(),
          "start_period", str(),
          "start_interval", str());

  private static final Shape SERVICE_NETWORKS =
      oneOf(
          LIST_OF_STRINGS,
          dict(
              NAME,
              NAME_RULE,
              oneOf(
                  kinds(Kind.NULL),
                  obj(
                      "aliases", LIST_OF_STRINGS,
                      "interface_name", str(),
                      "ipv4_address", str(),
                      "ipv6_address", str(),
                      "link_local_ips", LIST_OF_STRINGS,
                      "mac_address", str(),
                      "driver_opts", DRIVER_OPTS,
                      "priority", number(),
                      "gw_priority", number()))));

  private static final Shape PORTS =
      uniqueList(
          oneOf(
              number(),
              str(),
              obj(
                  "name", str(),
                  "mode", str(),
                  "host_ip", str(),
                  "target", STR_OR_INT,
                  "published", STR_OR_INT,
                  "protocol", str(),
                  "app_protocol", str())));

  private static final Shape SERVICE_VOLUMES =
      uniqueList(
          oneOf(
              str(),
              obj(
                      "type", oneOfValues("bind", "volume", "tmpfs", "cluster", "npipe", "image"),
                      "source", str(),
                      "target", str(),
                      "read_only", STR_OR_BOOL,
                      "consistency", str(),
                      "bind",
                          obj(
                              "propagation", str(),
                              "create_host_path", STR_OR_BOOL,
                              "recursive",
                                  oneOfValues("enabled", "disabled", "writable", "readonly"),
                              "selinux", oneOfValues("z", "Z")),
                      "volume",
                          obj("labels", LIST_OR_DICT, "nocopy", STR_OR_BOOL, "subpath", str()),
                      "tmpfs", obj("size", STR_OR_INT, "mode", STR_OR_NUMBER),
                      "image", obj("subpath", str()))
                  .require("type")));

  private static final Shape ENV_FILE =
      oneOf(
          str(),
          list(
              oneOf(
                  str(),
                  obj("path", str(), "format", str(), "required", STR_OR_BOOL)
                      .noExtensions()
                      .require("path"))));

  private static final Shape DEPENDS_ON =
      oneOf(
          LIST_OF_STRINGS,
          dict(
              NAME,
              NAME_RULE,
              obj(
                      "restart", STR_OR_BOOL,
                      "required", bool(),
                      "condition",
                          oneOfValues(
                              "service_started",
                              "service_healthy",
                              "service_completed_successfully"))
                  .require("condition")));

  static final Shape SERVICE = oneOf(kinds(Kind.NULL), serviceObj());

  private static Shape serviceObj() {
    return obj(
        "develop", DEVELOP,
        "deploy", DEPLOY,
        "annotations", LIST_OR_DICT,
        "attach", STR_OR_BOOL,
        "build", BUILD,
        "blkio_config",
            obj(
                    "device_read_bps", list(BLKIO_LIMIT),
                    "device_read_iops", list(BLKIO_LIMIT),
                    "device_write_bps", list(BLKIO_LIMIT),
                    "device_write_iops", list(BLKIO_LIMIT),
                    "weight", STR_OR_INT,
                    "weight_device", list(BLKIO_WEIGHT))
                .noExtensions(),
        "cap_add", LIST_OF_STRINGS,
        "cap_drop", LIST_OF_STRINGS,
        "cgroup", oneOfValues("host", "private"),
        "cgroup_parent", str(),
        "command", COMMAND,
        "configs", FILE_REFERENCES,
        "container_name", str(),
        "cpu_count", STR_OR_INT,
        "cpu_percent", STR_OR_NUMBER,
        "cpu_shares", STR_OR_NUMBER,
        "cpu_quota", STR_OR_NUMBER,
        "cpu_period", STR_OR_NUMBER,
        "cpu_rt_period", STR_OR_NUMBER,
        "cpu_rt_runtime", STR_OR_NUMBER,
        "cpus", STR_OR_NUMBER,
        "cpuset", str(),
        "credential_spec", obj("config", str(), "file", str(), "registry", str()),
        "depends_on", DEPENDS_ON,
        "device_cgroup_rules", LIST_OF_STRINGS,
        "devices",
            list(
                oneOf(
                    str(),
                    obj("source", str(), "target", str(), "permissions", str()).require("source"))),
        "dns", STRING_OR_LIST,
        "dns_opt", LIST_OF_STRINGS,
        "dns_search", STRING_OR_LIST,
        "domainname", str(),
        "entrypoint", COMMAND,
        "env_file", ENV_FILE,
        "label_file", STRING_OR_LIST,
        "environment", LIST_OR_DICT,
        "expose", uniqueList(STR_OR_NUMBER),
        "extends", oneOf(str(), obj("service", str(), "file", str()).noExtensions()),
        "provider", obj("type", str(), "options", dict(any())).require("type"),
        "external_links", LIST_OF_STRINGS,
        "extra_hosts", EXTRA_HOSTS,
        "gpus", oneOf(oneOfValues("all"), DEVICE_REQUESTS),
        "group_add", uniqueList(STR_OR_NUMBER),
        "healthcheck", HEALTHCHECK,
        "hostname", str(),
        "image", str(),
        "init", STR_OR_BOOL,
        "ipc", str(),
        "isolation", str(),
        "labels", LIST_OR_DICT,
        "links", LIST_OF_STRINGS,
        "logging",
            obj(
                "driver",
                str(),
                "options",
                dict(kinds(Kind.STRING, Kind.INT, Kind.FLOAT, Kind.NULL))),
        "mac_address", str(),
        "mem_limit", STR_OR_NUMBER,
        "mem_reservation", STR_OR_INT,
        "mem_swappiness", STR_OR_INT,
        "memswap_limit", STR_OR_NUMBER,
        "network_mode", str(),
        "models",
            oneOf(
                LIST_OF_STRINGS,
                dict(NAME, NAME_RULE, obj("endpoint_var", str(), "model_var", str()))),
        "networks", SERVICE_NETWORKS,
        "oom_kill_disable", STR_OR_BOOL,
        "oom_score_adj", STR_OR_INT,
        "pid", kinds(Kind.STRING, Kind.NULL),
        "pids_limit", STR_OR_NUMBER,
        "platform", str(),
        "ports", PORTS,
        "post_start", list(SERVICE_HOOK),
        "pre_stop", list(SERVICE_HOOK),
        "privileged", STR_OR_BOOL,
        "profiles", LIST_OF_STRINGS,
        "pull_policy", str(),
        "pull_refresh_after", str(),
        "read_only", STR_OR_BOOL,
        "restart", str(),
        "runtime", str(),
        "scale", STR_OR_INT,
        "security_opt", LIST_OF_STRINGS,
        "shm_size", STR_OR_NUMBER,
        "secrets", FILE_REFERENCES,
        "sysctls", LIST_OR_DICT,
        "stdin_open", STR_OR_BOOL,
        "stop_grace_period", str(),
        "stop_signal", str(),
        "storage_opt", dict(any()),
        "tmpfs", STRING_OR_LIST,
        "tty", STR_OR_BOOL,
        "ulimits", ULIMITS,
        "use_api_socket", bool(),
        "user", str(),
        "uts", str(),
        "userns_mode", str(),
        "volumes", SERVICE_VOLUMES,
        "volumes_from", LIST_OF_STRINGS,
        "working_dir", str());
  }

  private static final Shape EXTERNAL = oneOf(STR_OR_BOOL, obj("name", str()));

  private static final Shape NETWORK =
      oneOf(
          kinds(Kind.NULL),
          obj(
              "name", str(),
              "driver", str(),
              "driver_opts", DRIVER_OPTS,
              "ipam",
                  obj(
                      "driver", str(),
                      "config",
                          list(
                              obj(
                                  "subnet", str(),
                                  "ip_range", str(),
                                  "gateway", str(),
                                  "aux_addresses", dict(str()))),
                      "options", dict(str())),
              "external", EXTERNAL,
              "internal", STR_OR_BOOL,
              "enable_ipv4", STR_OR_BOOL,
              "enable_ipv6", STR_OR_BOOL,
              "attachable", STR_OR_BOOL,
              "labels", LIST_OR_DICT));

  private static final Shape VOLUME =
      oneOf(
          kinds(Kind.NULL),
          obj(
              "name", str(),
              "driver", str(),
              "driver_opts", DRIVER_OPTS,
              "external", EXTERNAL,
              "labels", LIST_OR_DICT));

  private static final Shape SECRET =
      obj(
          "name", str(),
          "environment", str(),
          "file", str(),
          "external", EXTERNAL,
          "labels", LIST_OR_DICT,
          "driver", str(),
          "driver_opts", DRIVER_OPTS,
          "template_driver", str());

  private static final Shape CONFIG =
      obj(
          "name", str(),
          "content", str(),
          "environment", str(),
          "file", str(),
          "external", EXTERNAL,
          "labels", LIST_OR_DICT,
          "template_driver", str());

  private static final Shape MODEL =
      obj(
              "name", str(),
              "model", str(),
              "context_size", integer(),
              "runtime_flags", list(str()))
          .require("model");

  /** The whole file. */
  static final Shape.Obj FILE =
      obj(
          "version", str(),
          "name", str(),
          "include",
              list(
                  oneOf(
                      str(),
                      obj(
                              "path", STRING_OR_LIST,
                              "env_file", STRING_OR_LIST,
                              "project_directory", str())
                          .noExtensions())),
          "services", dict(NAME, NAME_RULE, SERVICE),
          "models", dict(NAME, NAME_RULE, MODEL),
          "networks", dict(NAME, NAME_RULE, NETWORK),
          "volumes", dict(NAME, NAME_RULE, VOLUME),
          "secrets", dict(NAME, NAME_RULE, SECRET),
          "configs", dict(NAME, NAME_RULE, CONFIG));
}
