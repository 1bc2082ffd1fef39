/**
 * Dev container configuration: devcontainer.json read as the Development Containers Specification
 * defines it and as the reference CLI ({@code @devcontainers/cli}) reads it, typed, with the
 * metadata merge, local Features, the UID mapping plan and rebuild detection. Nothing here starts a
 * process in a container; {@code app} does, with these values, in this order:
 *
 * <ol>
 *   <li>{@link dev.berth.devcontainer.ConfigLoader#load}: find the file, parse it, compute the
 *       workspace mount and folder, substitute the local variables ({@code ${localEnv:...}}, the
 *       workspace folders), type it. Run {@code initializeCommand} on the host.
 *   <li>{@link dev.berth.devcontainer.FeatureResolver#resolve}: the Features in install order (OCI
 *       ones through a {@link dev.berth.devcontainer.FeatureFetcher} the caller supplies).
 *   <li>{@link dev.berth.devcontainer.MetadataLabel#parse} the base image's {@code
 *       devcontainer.metadata} label, then {@link dev.berth.devcontainer.MetadataChain#of}: the
 *       chain whose {@link dev.berth.devcontainer.MetadataChain#labelValue} goes on the image berth
 *       builds, and whose {@link dev.berth.devcontainer.MetadataChain#merged} configuration the
 *       container gets.
 *   <li>With the container's ID labels ({@link dev.berth.devcontainer.DevcontainerId}): {@code
 *       withDevcontainerId} on the config and the chain, before the container is made.
 *   <li>{@link dev.berth.devcontainer.UidMapPlanner#plan} with the image's /etc/passwd and
 *       /etc/group, the remote user ({@link dev.berth.devcontainer.DevContainerUsers}) and the
 *       process's UID and GID.
 *   <li>Once the container runs: {@code withContainerEnv} with its environment, for {@code
 *       remoteEnv} and the lifecycle commands.
 * </ol>
 *
 * <p>{@link dev.berth.devcontainer.ConfigFingerprint} tells a container made from other inputs;
 * {@link dev.berth.devcontainer.ReadConfiguration} prints what {@code devcontainer
 * read-configuration} prints.
 */
package dev.berth.devcontainer;
