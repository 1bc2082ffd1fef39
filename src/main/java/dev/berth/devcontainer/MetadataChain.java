package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The metadata chain of a dev container: the base image's entries (from its {@code
 * devcontainer.metadata} label), one per Feature in install order, and the devcontainer.json's own,
 * each as written and as substituted. It gives the merged configuration the container runs with,
 * and the label value of an image berth builds for it.
 */
public final class MetadataChain {

  private final List<ObjectNode> raw;
  private final List<ObjectNode> substituted;
  private final List<MetadataEntry> entries;
  private final List<Diagnostic> warnings;

  private MetadataChain(
      List<ObjectNode> raw,
      List<ObjectNode> substituted,
      List<MetadataEntry> entries,
      List<Diagnostic> warnings) {
    this.raw = List.copyOf(raw);
    this.substituted = List.copyOf(substituted);
    this.entries = List.copyOf(entries);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The chain for a configuration.
   *
   * @param baseImage the base image's entries, as {@link MetadataLabel#parse} read them
   */
  public static MetadataChain of(
      LoadedConfig config, List<ObjectNode> baseImage, FeatureSet features) {
    List<ObjectNode> raw = new ArrayList<>();
    List<ObjectNode> substituted = new ArrayList<>();
    Findings findings = Findings.lenient("image metadata");
    for (ObjectNode e : baseImage) {
      raw.add(e);
      substituted.add((ObjectNode) config.substituteLocal(e, findings));
    }
    for (ObjectNode e : features.metadataEntries()) {
      raw.add(e);
      substituted.add((ObjectNode) config.substituteLocal(e, findings));
    }
    ObjectNode own = MetadataEntry.pick(config.rawJson(), MetadataEntry.CONFIG_PROPERTIES);
    if (!own.isEmpty()) {
      raw.add(own);
      substituted.add(MetadataEntry.pick(config.json(), MetadataEntry.CONFIG_PROPERTIES));
    }
    return typed(raw, filterEmpty(substituted), findings.all());
  }

  private static List<ObjectNode> filterEmpty(List<ObjectNode> entries) {
    return entries.stream().filter(e -> !e.isEmpty()).toList();
  }

  private static MetadataChain typed(
      List<ObjectNode> raw, List<ObjectNode> substituted, List<Diagnostic> earlier) {
    Findings findings = Findings.lenient("image metadata");
    List<MetadataEntry> entries = new ArrayList<>();
    for (ObjectNode e : substituted) {
      entries.add(MetadataEntry.read(e, "", findings));
    }
    List<Diagnostic> warnings = new ArrayList<>(earlier);
    warnings.addAll(findings.all());
    return new MetadataChain(filterEmpty(raw), substituted, entries, warnings);
  }

  /** The entries as written, before substitution: what the label of a built image holds. */
  public List<ObjectNode> raw() {
    return raw.stream().map(Json::copy).toList();
  }

  /** The entries, substituted and typed, first to last. */
  public List<MetadataEntry> entries() {
    return entries;
  }

  /** What reading the base image's and Features' entries warned about. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /** The configuration the container gets: the chain merged. */
  public MergedConfiguration merged() {
    return MergedConfiguration.merge(entries);
  }

  /** The {@code devcontainer.metadata} label value for an image built from this chain. */
  public String labelValue() {
    return MetadataLabel.value(raw);
  }

  /** The chain with {@code ${devcontainerId}} substituted. */
  public MetadataChain withDevcontainerId(String devcontainerId) {
    return map(e -> Variables.substituteDevcontainerId(e, devcontainerId));
  }

  /** The chain with {@code ${containerEnv:...}} substituted, once the container exists. */
  public MetadataChain withContainerEnv(Map<String, String> containerEnv) {
    Findings findings = Findings.lenient("image metadata");
    MetadataChain next = map(e -> Variables.substituteContainerEnv(e, containerEnv, findings));
    List<Diagnostic> w = new ArrayList<>(next.warnings);
    w.addAll(findings.all());
    return new MetadataChain(next.raw, next.substituted, next.entries, w);
  }

  private MetadataChain map(UnaryOperator<JsonNode> f) {
    List<ObjectNode> next = substituted.stream().map(e -> (ObjectNode) f.apply(e)).toList();
    return typed(raw, next, warnings);
  }
}
