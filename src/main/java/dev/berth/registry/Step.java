package dev.berth.registry;

/** What a request is for, as an error names it: {@code pull manifest for 127.0.0.1:5000/app:1}. */
record Step(String action, String registry, String repository, String object) {

  /** {@code push blob sha256:... to 127.0.0.1:5000/app}. */
  String describe() {
    String where = registry + "/" + repository;
    return object.isEmpty() ? action + " " + where : action + " " + object + " (" + where + ")";
  }
}
