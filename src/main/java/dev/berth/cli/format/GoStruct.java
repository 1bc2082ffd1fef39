package dev.berth.cli.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON object that stands for a Go struct: fields are reached by name as in any object, but it
 * prints as Go prints a struct, its values in field order between braces ({@code {layers [...]}} or
 * {@code {}}), where a plain object prints as a map ({@code map[k:v]}).
 */
public final class GoStruct extends ObjectNode {

  private static final long serialVersionUID = 1L;

  public GoStruct() {
    super(JsonNodeFactory.instance);
  }

  /** A struct with the fields of {@code from}, in its order. */
  public static GoStruct of(ObjectNode from) {
    GoStruct s = new GoStruct();
    s.setAll(from);
    return s;
  }
}
