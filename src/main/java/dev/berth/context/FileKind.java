package dev.berth.context;

/** The kinds of file a copy carries over. Sockets, pipes and devices are left out. */
public enum FileKind {
  FILE,
  DIRECTORY,
  SYMLINK
}
