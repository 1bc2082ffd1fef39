package dev.berth.layer;

/** The kinds of tar entries a layer holds, with their tar type flags. */
public enum EntryType {
  FILE('0'),
  HARDLINK('1'),
  SYMLINK('2'),
  CHAR_DEVICE('3'),
  BLOCK_DEVICE('4'),
  DIRECTORY('5'),
  FIFO('6');

  private final char flag;

  EntryType(char flag) {
    this.flag = flag;
  }

  /** The ustar type flag. */
  public char flag() {
    return flag;
  }
}
