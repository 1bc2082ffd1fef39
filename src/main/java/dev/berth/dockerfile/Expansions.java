package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers for expanding lists and optional values of an instruction. */
final class Expansions {

  private Expansions() {}

  static List<String> each(WordExpander e, List<String> words) throws BerthException {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(e.word(w));
    }
    return out;
  }

  static Optional<String> optional(WordExpander e, Optional<String> word) throws BerthException {
    return word.isPresent() ? Optional.of(e.word(word.get())) : Optional.empty();
  }

  static List<KeyValue> pairs(WordExpander e, List<KeyValue> pairs) throws BerthException {
    List<KeyValue> out = new ArrayList<>(pairs.size());
    for (KeyValue kv : pairs) {
      out.add(new KeyValue(e.word(kv.key()), e.word(kv.value())));
    }
    return out;
  }

  static List<HeredocFile> heredocs(WordExpander e, List<HeredocFile> docs) throws BerthException {
    List<HeredocFile> out = new ArrayList<>(docs.size());
    for (HeredocFile d : docs) {
      out.add(d.expand() ? new HeredocFile(d.name(), e.heredoc(d.content()), true) : d);
    }
    return out;
  }
}
