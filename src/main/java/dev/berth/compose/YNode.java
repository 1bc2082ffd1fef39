package dev.berth.compose;

import dev.berth.diag.SourceRange;

/**
 * A node of a compose file as read from YAML, with the place it came from. Trees of these are
 * immutable: interpolation, merging and extends build new trees.
 */
sealed interface YNode permits YMap, YSeq, YScalar {

  /** Where the node starts in its file. */
  SourceRange range();

  /** A compose tag on the node ({@code !reset}, {@code !override}), or null. */
  String tag();

  /** The same node without its compose tag. */
  YNode untagged();

  /** A short name of the node's kind, for messages ("a mapping", "a string"...). */
  String kindName();
}
