package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order Features install in, by the specification's round-based algorithm: in each round, the
 * Features whose {@code dependsOn} and {@code installsAfter} Features are all installed are
 * candidates; of those, only the ones with the highest priority ({@code
 * overrideFeatureInstallOrder} gives the i-th of n Features priority n - i) are installed, sorted
 * by the specification's stable order. A round with nothing to install is a cycle.
 */
final class FeatureInstallOrder {

  /** JavaScript's {@code localeCompare}, which the reference CLI sorts with, is a collation. */
  private static final Collator COLLATOR = Collator.getInstance(Locale.ENGLISH);

  /**
   * A Feature in the graph.
   *
   * @param dependsOn the nodes (by index) this one depends on
   * @param installsAfter the references this one installs after, when they are in the graph
   */
  record Node(
      ResolvedFeature feature, List<Integer> dependsOn, List<FeatureReference> installsAfter) {
    Node {
      Objects.requireNonNull(feature, "feature");
      dependsOn = List.copyOf(dependsOn);
      installsAfter = List.copyOf(installsAfter);
    }
  }

  private FeatureInstallOrder() {}

  /**
   * The install order.
   *
   * @param overrides {@code overrideFeatureInstallOrder}, parsed
   * @throws IllegalArgumentException naming the Features of a cycle
   */
  static List<ResolvedFeature> order(List<Node> nodes, List<FeatureReference> overrides) {
    int n = nodes.size();
    int[] priority = new int[n];
    for (int i = overrides.size() - 1; i >= 0; i--) {
      int p = overrides.size() - i;
      for (int k = 0; k < n; k++) {
        if (matches(overrides.get(i), nodes.get(k).feature())) {
          priority[k] = Math.max(priority[k], p);
        }
      }
    }
    List<Set<Integer>> requires = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Set<Integer> r = new HashSet<>(nodes.get(k).dependsOn());
      for (FeatureReference after : nodes.get(k).installsAfter()) {
        for (int j = 0; j < n; j++) {
          if (j != k && matches(after, nodes.get(j).feature())) {
            r.add(j);
          }
        }
      }
      requires.add(r);
    }
    List<Integer> worklist = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      worklist.add(k);
    }
    Set<Integer> installed = new HashSet<>();
    List<ResolvedFeature> order = new ArrayList<>();
    while (!worklist.isEmpty()) {
      List<Integer> round = new ArrayList<>();
      for (int k : worklist) {
        if (installed.containsAll(requires.get(k))) {
          round.add(k);
        }
      }
      if (round.isEmpty()) {
        Set<String> left = new TreeSet<>();
        worklist.forEach(k -> left.add(nodes.get(k).feature().userFeatureId()));
        throw new IllegalArgumentException(
            "the Features depend on each other in a cycle (dependsOn and installsAfter): "
                + String.join(", ", left));
      }
      int max = round.stream().mapToInt(k -> priority[k]).max().orElse(0);
      List<Integer> commit =
          new ArrayList<>(round.stream().filter(k -> priority[k] == max).toList());
      commit.sort(Comparator.comparing(k -> nodes.get(k).feature(), FeatureInstallOrder::compare));
      for (int k : commit) {
        order.add(nodes.get(k).feature());
        installed.add(k);
      }
      worklist.removeAll(commit);
    }
    return order;
  }

  /** Whether a reference names a Feature in the graph (for installsAfter and the overrides). */
  static boolean matches(FeatureReference ref, ResolvedFeature f) {
    if (ref instanceof FeatureReference.Local l
        && f.reference() instanceof FeatureReference.Local fl) {
      return l.directory().equals(fl.directory());
    }
    if (ref instanceof FeatureReference.Oci o && f.reference() instanceof FeatureReference.Oci fo) {
      if (o.resource().equals(fo.resource())) {
        return true;
      }
      String prefix = fo.registry() + "/" + fo.namespace() + "/";
      FeatureMetadata m = f.metadata();
      return m.legacyIds().stream().anyMatch(id -> o.resource().equals(prefix + id))
          || m.currentId().map(id -> o.resource().equals(prefix + id)).orElse(false);
    }
    return false;
  }

  /** The specification's round stable sort, as the reference CLI implements it. */
  static int compare(ResolvedFeature a, ResolvedFeature b) {
    FeatureReference ra = a.reference();
    FeatureReference rb = b.reference();
    if (ra instanceof FeatureReference.Local la && rb instanceof FeatureReference.Local lb) {
      int c = text(la.directory().toString(), lb.directory().toString());
      return c != 0 ? c : options(a.userOptions(), b.userOptions());
    }
    if (ra instanceof FeatureReference.Oci oa && rb instanceof FeatureReference.Oci ob) {
      if (a.manifestDigest().isPresent()
          && a.manifestDigest().equals(b.manifestDigest())
          && options(a.userOptions(), b.userOptions()) == 0) {
        return 0;
      }
      int c = text(oa.registry() + "/" + oa.namespace(), ob.registry() + "/" + ob.namespace());
      if (c != 0) {
        return c;
      }
      if (!sameFeature(a, b)) {
        return text(oa.id(), ob.id());
      }
      if (oa.tag().isPresent() && ob.tag().isPresent() && !oa.tag().equals(ob.tag())) {
        return text(oa.tag().get(), ob.tag().get());
      }
      c = options(a.userOptions(), b.userOptions());
      if (c != 0) {
        return c;
      }
      return text(a.manifestDigest().orElse(""), b.manifestDigest().orElse(""));
    }
    return text(ra.userFeatureId(), rb.userFeatureId());
  }

  private static boolean sameFeature(ResolvedFeature a, ResolvedFeature b) {
    Set<String> aliasesA = aliases(a);
    return aliases(b).stream().anyMatch(aliasesA::contains);
  }

  private static Set<String> aliases(ResolvedFeature f) {
    Set<String> s = new HashSet<>();
    FeatureReference.Oci o = (FeatureReference.Oci) f.reference();
    if (f.metadata().currentId().isEmpty() && f.metadata().legacyIds().isEmpty()) {
      s.add(o.id());
    } else {
      s.add(f.metadata().currentId().orElse(f.metadata().id()));
      s.addAll(f.metadata().legacyIds());
    }
    return s;
  }

  static int text(String a, String b) {
    int c = COLLATOR.compare(a, b);
    return c != 0 ? c : a.compareTo(b);
  }

  /** The reference CLI's comparison of two options values. */
  static int options(JsonNode a, JsonNode b) {
    if (a.isTextual() && b.isTextual()) {
      return text(a.textValue(), b.textValue());
    }
    if (a.isBoolean() && b.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return a.size() - b.size();
      }
      List<String> ka = new ArrayList<>();
      a.fieldNames().forEachRemaining(ka::add);
      List<String> kb = new ArrayList<>();
      b.fieldNames().forEachRemaining(kb::add);
      ka.sort(null);
      kb.sort(null);
      for (int i = 0; i < ka.size(); i++) {
        if (!ka.get(i).equals(kb.get(i))) {
          return text(ka.get(i), kb.get(i));
        }
        int c = options(a.get(ka.get(i)), b.get(kb.get(i)));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    return text(kind(a), kind(b));
  }

  private static String kind(JsonNode v) {
    return v.isTextual()
        ? "string"
        : v.isBoolean() ? "boolean" : v.isObject() ? "object" : "number";
  }
}
