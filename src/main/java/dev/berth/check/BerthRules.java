package dev.berth.check;

import dev.berth.diag.Severity;
import java.util.List;

/**
 * berth's own rules: mistakes of multi-stage builds, Python ones above all, that BuildKit's checks
 * let through. Each description says why the mistake matters. Several follow hadolint's DL rules
 * under names of berth's own.
 */
public final class BerthRules {

  private BerthRules() {}

  public static final Rule ARG_OUT_OF_SCOPE =
      Rule.berth(
          "ArgOutOfScope",
          Severity.WARNING,
          "A variable is used in a stage that does not declare it while another stage (or the"
              + " global scope) does: an ARG ends with its stage, so the value here is empty.",
          ArgScopeCheck::argOutOfScope);
  public static final Rule SOURCES_BEFORE_DEPENDENCIES =
      Rule.berth(
          "SourcesBeforeDependencies",
          Severity.WARNING,
          "Dependencies are installed after the whole build context was copied, so a change to"
              + " any source file makes the install run again instead of coming from the cache.",
          InstallChecks::sourcesBeforeDependencies);
  public static final Rule PROJECT_INSTALLED_BEFORE_SOURCES =
      Rule.berth(
          "ProjectInstalledBeforeSources",
          Severity.ERROR,
          "The project itself is installed (poetry install without --no-root, uv sync, pip"
              + " install .) before any of its sources were copied, so the install fails or leaves"
              + " the package out.",
          InstallChecks::projectInstalledBeforeSources);
  public static final Rule DEV_DEPENDENCIES_IN_PRODUCTION =
      Rule.berth(
          "DevDependenciesInProduction",
          Severity.WARNING,
          "Development dependencies (poetry --with dev, requirements-dev.txt, .[dev]) are"
              + " installed in a stage the production image is built on or copies from, so test"
              + " and lint tools ship with it.",
          InstallChecks::devDependenciesInProduction);
  public static final Rule PRODUCTION_RUNS_AS_ROOT =
      Rule.berth(
          "ProductionRunsAsRoot",
          Severity.WARNING,
          "The stage a build produces (the last one, or --target) runs as root, so a flaw in the"
              + " application gives root inside the container.",
          UserChecks::productionRunsAsRoot);
  public static final Rule NUMERIC_USER =
      Rule.berth(
          "NumericUser",
          Severity.WARNING,
          "USER gives a UID instead of a user name, which defeats the UID mapping of dev"
              + " containers (updateRemoteUserUID, remoteUser) and leaves the process without a"
              + " name or home directory.",
          UserChecks::numericUser);
  public static final Rule VENV_COPIED_ELSEWHERE =
      Rule.berth(
          "VenvCopiedElsewhere",
          Severity.ERROR,
          "A virtual environment is copied to another path, or onto another Python, than the one"
              + " it was made with; its scripts and pyvenv.cfg name both, so it breaks.",
          VenvCheck::venvCopiedElsewhere);
  public static final Rule PATH_ENTRY_MISSING =
      Rule.berth(
          "PathEntryMissing",
          Severity.WARNING,
          "An ENV puts a directory on PATH that nothing in the stage makes (it is made in another"
              + " stage and not copied), so the commands meant to be found there are not.",
          PathCheck::pathEntryMissing);
  public static final Rule PACKAGE_CACHE_IN_LAYER =
      Rule.berth(
          "PackageCacheInLayer",
          Severity.WARNING,
          "A package manager's cache stays in the layer (pip without --no-cache-dir or a cache"
              + " mount, apt-get without removing /var/lib/apt/lists, apk without --no-cache),"
              + " which grows the image for nothing.",
          PackageChecks::packageCacheInLayer);
  public static final Rule APT_INSTALL_RECOMMENDS =
      Rule.berth(
          "AptInstallRecommends",
          Severity.WARNING,
          "apt-get install without --no-install-recommends installs recommended packages too,"
              + " which grows the image and its attack surface.",
          PackageChecks::aptInstallRecommends);
  public static final Rule UNPINNED_BASE_IMAGE =
      Rule.berth(
          "UnpinnedBaseImage",
          Severity.WARNING,
          "A stage starts from an image with no tag or the 'latest' tag, which moves, so the"
              + " same Dockerfile builds something else next month.",
          HabitChecks::unpinnedBaseImage);
  public static final Rule ADD_INSTEAD_OF_COPY =
      Rule.berth(
          "AddInsteadOfCopy",
          Severity.WARNING,
          "ADD copies plain local files where COPY would; ADD's archive unpacking and URL fetching"
              + " make the reader wonder which one happens.",
          HabitChecks::addInsteadOfCopy);
  public static final Rule SUDO_IN_RUN =
      Rule.berth(
          "SudoInRun",
          Severity.WARNING,
          "RUN uses sudo, which needs a sudoers entry and behaves unlike a terminal session;"
              + " USER says who runs each step.",
          HabitChecks::sudoInRun);
  public static final Rule CD_IN_RUN =
      Rule.berth(
          "CdInRun",
          Severity.INFO,
          "RUN changes directory with cd, which lasts for that RUN only; WORKDIR says where the"
              + " steps run.",
          HabitChecks::cdInRun);

  /** Every berth rule. */
  public static List<Rule> all() {
    return List.of(
        ARG_OUT_OF_SCOPE,
        SOURCES_BEFORE_DEPENDENCIES,
        PROJECT_INSTALLED_BEFORE_SOURCES,
        DEV_DEPENDENCIES_IN_PRODUCTION,
        PRODUCTION_RUNS_AS_ROOT,
        NUMERIC_USER,
        VENV_COPIED_ELSEWHERE,
        PATH_ENTRY_MISSING,
        PACKAGE_CACHE_IN_LAYER,
        APT_INSTALL_RECOMMENDS,
        UNPINNED_BASE_IMAGE,
        ADD_INSTEAD_OF_COPY,
        SUDO_IN_RUN,
        CD_IN_RUN);
  }
}
