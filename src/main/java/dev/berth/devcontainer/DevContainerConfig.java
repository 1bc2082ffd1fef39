package dev.berth.devcontainer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A devcontainer.json after the local variables are substituted, typed: everything the file may
 * say, with paths resolved against its folder and defaults applied where the reference CLI applies
 * them when reading.
 *
 * @param metadata what this file contributes to the image metadata chain (mounts, environment,
 *     users, capabilities, the container lifecycle commands and the rest), merged with the base
 *     image and the Features by {@link MergedConfiguration#merge}
 * @param initializeCommand run on the host before anything else
 * @param appPort ports published on the host ({@code appPort})
 * @param berth {@code customizations.berth} of this file
 */
public record DevContainerConfig(
    Path configFile,
    Optional<String> name,
    Scenario scenario,
    Workspace workspace,
    MetadataEntry metadata,
    Optional<LifecycleCommand> initializeCommand,
    RunArgs runArgs,
    List<PublishedPort> appPort,
    List<FeatureRequest> features,
    List<String> overrideFeatureInstallOrder,
    BerthCustomizations berth) {

  public DevContainerConfig {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(initializeCommand, "initializeCommand");
    Objects.requireNonNull(runArgs, "runArgs");
    appPort = List.copyOf(appPort);
    features = List.copyOf(features);
    overrideFeatureInstallOrder = List.copyOf(overrideFeatureInstallOrder);
    Objects.requireNonNull(berth, "berth");
  }
}
