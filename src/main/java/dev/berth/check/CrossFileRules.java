package dev.berth.check;

import dev.berth.diag.Severity;
import java.util.List;

/**
 * berth's rules across files: the mistakes that only show when the Dockerfile is read with the
 * compose file, the devcontainer.json, the build context and its {@code .dockerignore}. Each
 * description says why the mistake matters.
 */
public final class CrossFileRules {

  private CrossFileRules() {}

  public static final Rule UNKNOWN_BUILD_TARGET =
      Rule.acrossFiles(
          "UnknownBuildTarget",
          Severity.ERROR,
          "A compose service's or the dev container's build.target names no stage of the"
              + " Dockerfile, so the build fails before it starts.",
          BuildUseChecks::unknownBuildTarget);
  public static final Rule UNUSED_BUILD_ARG =
      Rule.acrossFiles(
          "UnusedBuildArg",
          Severity.WARNING,
          "A compose service or the dev container passes a build arg that no stage of its build"
              + " declares (often a misspelt ARG, or one only another target declares), so the"
              + " value is dropped without a word.",
          BuildUseChecks::unusedBuildArg);
  public static final Rule UID_NOT_EXPORTED =
      Rule.acrossFiles(
          "UidNotExported",
          Severity.WARNING,
          "A compose file or devcontainer.json reads UID or GID from the environment, where"
              + " shells do not export them, so the value is always the default (or empty) and"
              + " never the developer's own.",
          HostIdChecks::uidNotExported);
  public static final Rule CLUTTER_NOT_IGNORED =
      Rule.berth(
          "ClutterNotIgnored",
          Severity.WARNING,
          "A COPY or ADD from the build context copies a .venv, .git or __pycache__ folder that"
              + " .dockerignore does not exclude: the host's virtualenv, history or bytecode lands"
              + " in the image, and every commit or run breaks the layer's cache.",
          ClutterCheck::clutterNotIgnored);
  public static final Rule WORKSPACE_HIDES_VENV =
      Rule.acrossFiles(
          "WorkspaceHidesVenv",
          Severity.WARNING,
          "The dev container's workspace mount (or a compose bind mount) lands on the folder where"
              + " the image made its virtualenv, so the container sees the workspace there and"
              + " not the installed packages.",
          MountChecks::workspaceHidesVenv);
  public static final Rule UNKNOWN_REMOTE_USER =
      Rule.acrossFiles(
          "UnknownRemoteUser",
          Severity.ERROR,
          "The dev container's remoteUser or containerUser is no user of the image it starts: no"
              + " stage the target builds on creates it and the base image has none of that name,"
              + " so the container cannot start as that user.",
          RemoteUserCheck::unknownRemoteUser);
  public static final Rule COMPOSE_IMAGE_CONFLICT =
      Rule.acrossFiles(
          "ComposeImageConflict",
          Severity.WARNING,
          "Two compose services build different things under one image: name, so each build"
              + " replaces the other's image and one service runs what the other built.",
          ComposeChecks::imageConflict);
  public static final Rule COMPOSE_VARIABLE_UNSET =
      Rule.acrossFiles(
          "ComposeVariableUnset",
          Severity.WARNING,
          "A compose file uses a variable without a default that neither the environment nor"
              + " .env sets: a required one (${NAME?...}) stops docker compose, a plain one"
              + " becomes an empty string.",
          ComposeChecks::variableUnset);
  public static final Rule OBSOLETE_COMPOSE_VERSION =
      Rule.acrossFiles(
          "ObsoleteComposeVersion",
          Severity.WARNING,
          "The compose file has a top-level version:, which the Compose Specification ignores"
              + " and docker compose warns about on every run.",
          ComposeChecks::obsoleteVersion);

  /** Every rule across files. */
  public static List<Rule> all() {
    return List.of(
        UNKNOWN_BUILD_TARGET,
        UNUSED_BUILD_ARG,
        UID_NOT_EXPORTED,
        CLUTTER_NOT_IGNORED,
        WORKSPACE_HIDES_VENV,
        UNKNOWN_REMOTE_USER,
        COMPOSE_IMAGE_CONFLICT,
        COMPOSE_VARIABLE_UNSET,
        OBSOLETE_COMPOSE_VERSION);
  }
}
