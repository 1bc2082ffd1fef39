package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the main code to the package table in docs/ARCHITECTURE.md: a new edge between berth
 * packages fails here until the table allows it.
 */
class ArchitectureTest {
  private static PackageTable table;
  private static JavaClasses mainClasses;

  @BeforeAll
  static void load() throws IOException {
    table = PackageTable.parse(Files.readString(architectureDoc(), StandardCharsets.UTF_8));
    mainClasses =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(PackageTable.ROOT);
  }

  @Test
  void mainClassesDependOnlyOnPackagesTheTableAllows() {
    classes()
        .that()
        .resideInAPackage(PackageTable.ROOT + "..")
        .should(onlyDependOnAllowedPackages())
        .check(mainClasses);
  }

  @Test
  void everyPackageInTheCodeHasARowInTheTable() {
    Set<String> missing = new TreeSet<>();
    for (JavaClass javaClass : mainClasses) {
      if (table.ownerOf(javaClass.getPackageName()).isEmpty()) {
        missing.add(javaClass.getPackageName());
      }
    }
    assertThat(missing).as("packages missing from docs/ARCHITECTURE.md").isEmpty();
  }

  @Test
  void tableReadFromTheDocHasTheLayersTheProjectIsBuiltOn() {
    // Guards the parser: an empty or misread table would make the rule above pass vacuously.
    assertThat(table.packages()).contains("diag", "dockerfile.syntax", "dockerfile", "app", "cli");
    assertThat(table.mayUse("diag")).isEmpty();
    assertThat(table.mayUse("cli"))
        .containsExactlyInAnyOrder("app", "rootless", "diag", "event", "image", "cli.format");
    assertThat(table.mayUse("cli.format")).containsExactly("diag");
    assertThat(table.mayUse("app")).doesNotContain("cli").contains("solver", "plan", "diag");
    assertThat(mainClasses).isNotEmpty();
  }

  private static ArchCondition<JavaClass> onlyDependOnAllowedPackages() {
    return new ArchCondition<>("only depend on berth packages that docs/ARCHITECTURE.md allows") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = table.ownerOf(origin.getPackageName());
        if (from.isEmpty()) {
          // Reported by everyPackageInTheCodeHasARowInTheTable.
          return;
        }
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          String targetPackage = target.getPackageName();
          if (!targetPackage.equals(PackageTable.ROOT)
              && !targetPackage.startsWith(PackageTable.ROOT + ".")) {
            continue;
          }
          Optional<String> to = table.ownerOf(targetPackage);
          if (to.isEmpty() || !table.allows(from.get(), to.get())) {
            String message =
                String.format(
                    "%s (package %s) may not use %s (package %s): %s",
                    origin.getName(),
                    from.get(),
                    target.getName(),
                    to.orElse("not in the table"),
                    dependency.getDescription());
            events.add(SimpleConditionEvent.violated(dependency, message));
          }
        }
      }
    };
  }

  /** docs/ARCHITECTURE.md of this project; Surefire sets {@code basedir}. */
  private static Path architectureDoc() {
    return Path.of(System.getProperty("basedir", "."), "docs", "ARCHITECTURE.md");
  }
}
