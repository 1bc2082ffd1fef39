package dev.berth.scaffold;

/** How a Python project declares itself: which files say what it needs. */
enum Flavour {
  POETRY("Poetry 1.x: [tool.poetry] and poetry.lock", Tool.POETRY),
  POETRY_PROJECT("Poetry 2.x: [project] and poetry.lock", Tool.POETRY),
  UV("uv: [project] and uv.lock", Tool.UV),
  PDM("PDM: [project], installed with pip (pdm.lock is not read)", Tool.PIP),
  PEP621("PEP 621: [project], installed with pip", Tool.PIP),
  SETUPTOOLS("setuptools: setup.py or setup.cfg, installed with pip", Tool.PIP),
  REQUIREMENTS("requirements files, installed with pip", Tool.PIP);

  private final String label;
  private final Tool tool;

  Flavour(String label, Tool tool) {
    this.label = label;
    this.tool = tool;
  }

  /** What the project was recognised by, for people. */
  public String label() {
    return label;
  }

  /** The tool that installs such a project unless {@code --tool} says otherwise. */
  public Tool defaultTool() {
    return tool;
  }
}
