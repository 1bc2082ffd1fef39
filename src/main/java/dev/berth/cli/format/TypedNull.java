package dev.berth.cli.format;

import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A JSON {@code null} that stands for a Go nil slice or map: it serialises as {@code null}, as
 * docker's JSON shows it, but prints as {@code []} or {@code map[]}, as docker's templates print
 * its typed fields. Plain {@link NullNode} prints as {@code <nil>}.
 */
public final class TypedNull extends NullNode {

  private static final long serialVersionUID = 1L;

  /** Go's kind of the nil value. */
  public enum Shape {
    SLICE,
    MAP
  }

  public static final TypedNull SLICE = new TypedNull(Shape.SLICE);
  public static final TypedNull MAP = new TypedNull(Shape.MAP);

  private final Shape shape;

  private TypedNull(Shape shape) {
    this.shape = shape;
  }

  public Shape shape() {
    return shape;
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return shape.hashCode();
  }
}
