package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.Objects;

/** {@code USER user[:group]}: who later steps and the container run as. */
public record User(String user, SourceRange range, String original)
    implements Instruction, Expandable<User> {

  public User {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public User expand(WordExpander e) throws BerthException {
    return new User(e.word(user), range, original);
  }
}
