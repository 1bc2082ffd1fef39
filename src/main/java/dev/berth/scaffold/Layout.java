package dev.berth.scaffold;

/** Where a project keeps its importable code. */
enum Layout {
  /** Packages under {@code src/}. */
  SRC,
  /** Packages at the top of the project. */
  FLAT,
  /** Only top-level modules ({@code app.py}), no package. */
  MODULES,
  /** No Python source found. */
  NONE
}
