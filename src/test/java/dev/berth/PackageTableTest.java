package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackageTableTest {
  private static final String DOC =
      """
      # Some page

      | package | owns | may use |
      |---|---|---|
      | `diag` | diagnostics | — |
      | `image` | OCI values | — |
      | `dockerfile.shell` | expansion | `diag` |
      | `dockerfile.syntax` | parser | `dockerfile.shell`, `diag` |
      | `dockerfile` | instructions | `dockerfile.syntax`, `dockerfile.shell`, `diag` |
      | `plan` | stage graph | `dockerfile*`, `image`, `diag` |
      | `store` | blobs and `store.snapshot` | `image` |
      | `app` | use cases | everything above |
      | `cli` | commands | `app`, `diag` |

      Text after the table.
      """;

  private final PackageTable table = PackageTable.parse(DOC);

  @Test
  void parse_readsRowsInOrder() {
    assertThat(table.packages())
        .containsExactly(
            "diag",
            "image",
            "dockerfile.shell",
            "dockerfile.syntax",
            "dockerfile",
            "plan",
            "store",
            "app",
            "cli");
  }

  @Test
  void parse_dashMeansNothing() {
    assertThat(table.mayUse("diag")).isEmpty();
  }

  @Test
  void parse_starMeansPackageAndSubPackages() {
    assertThat(table.mayUse("plan"))
        .containsExactlyInAnyOrder(
            "dockerfile", "dockerfile.syntax", "dockerfile.shell", "image", "diag");
  }

  @Test
  void parse_everythingAboveMeansEarlierRowsOnly() {
    assertThat(table.mayUse("app"))
        .containsExactlyInAnyOrder(
            "diag",
            "image",
            "dockerfile.shell",
            "dockerfile.syntax",
            "dockerfile",
            "plan",
            "store");
  }

  @Test
  void parse_unknownPackageInMayUse_fails() {
    String doc = "| package | may use |\n|---|---|\n| `a` | `b` |\n";
    assertThatThrownBy(() -> PackageTable.parse(doc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown b");
  }

  @Test
  void parse_noTable_fails() {
    assertThatThrownBy(() -> PackageTable.parse("# nothing here\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ownerOf_listedSubPackageIsItsOwnRow() {
    assertThat(table.ownerOf("dev.berth.dockerfile.syntax")).contains("dockerfile.syntax");
    assertThat(table.ownerOf("dev.berth.dockerfile")).contains("dockerfile");
  }

  @Test
  void ownerOf_unlistedSubPackageBelongsToParent() {
    assertThat(table.ownerOf("dev.berth.store.snapshot")).contains("store");
  }

  @Test
  void ownerOf_unknownPackage_isEmpty() {
    assertThat(table.ownerOf("dev.berth.mystery")).isEmpty();
    assertThat(table.ownerOf("dev.berth")).isEmpty();
    assertThat(table.ownerOf("dev.berthx.diag")).isEmpty();
  }

  @Test
  void allows_followsTheTableOneWay() {
    assertThat(table.allows("dockerfile.syntax", "dockerfile.shell")).isTrue();
    assertThat(table.allows("dockerfile.shell", "dockerfile.syntax")).isFalse();
    assertThat(table.allows("dockerfile.syntax", "dockerfile")).isFalse();
    assertThat(table.allows("cli", "plan")).isFalse();
    assertThat(table.allows("store", "store")).isTrue();
  }
}
