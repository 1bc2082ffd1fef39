package dev.berth.compose;

import dev.berth.diag.SourceRange;
import java.util.List;

/** A YAML sequence. */
record YSeq(List<YNode> items, SourceRange range, String tag) implements YNode {

  YSeq {
    items = List.copyOf(items);
  }

  YSeq(List<YNode> items, SourceRange range) {
    this(items, range, null);
  }

  @Override
  public YSeq untagged() {
    return tag == null ? this : new YSeq(items, range, null);
  }

  @Override
  public String kindName() {
    return "a list";
  }
}
