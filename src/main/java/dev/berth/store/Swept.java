package dev.berth.store;

/** How many objects of one kind garbage collection removed, and the bytes they took. */
public record Swept(int count, long bytes) {

  public static final Swept NONE = new Swept(0, 0);

  public Swept plus(int moreCount, long moreBytes) {
    return new Swept(count + moreCount, bytes + moreBytes);
  }
}
