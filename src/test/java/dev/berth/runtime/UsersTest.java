package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.layer.RootPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

  @TempDir Path root;

  private void files(String passwd, String group) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), passwd);
    Files.writeString(root.resolve("etc/group"), group);
  }

  @Test
  void parse_formsOfUser() {
    assertThat(UserSpec.parse("")).isEqualTo(UserSpec.ROOT);
    assertThat(UserSpec.parse("app")).isEqualTo(new UserSpec("app", Optional.empty()));
    assertThat(UserSpec.parse("1000:staff")).isEqualTo(new UserSpec("1000", Optional.of("staff")));
    assertThatThrownBy(() -> UserSpec.parse("a:")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolve_nameGivesPasswdGidHomeAndSupplementaryGroupsWithThePrimaryFirst() throws Exception {
    files(
        "root:x:0:0::/root:/bin/sh\n  \nbroken line\napp:x:1001:1002::/srv/app:/bin/sh\n",
        "app:x:1002:\ndocker:x:998:root,app\nadm:x:4: app , other\n");
    assertThat(Users.resolve(root, UserSpec.parse("app")))
        .isEqualTo(new ResolvedUser(1001, 1002, List.of(1002L, 998L, 4L), "/srv/app"));
    assertThat(Users.resolve(root, UserSpec.parse("app:adm")))
        .isEqualTo(new ResolvedUser(1001, 4, List.of(4L), "/srv/app"));
  }

  @Test
  void resolve_numericUserWithoutEntryHasGroupZeroAndRootHome() throws Exception {
    files("root:x:0:0::/root:/bin/sh\n", "");
    assertThat(Users.resolve(root, UserSpec.parse("4242")))
        .isEqualTo(new ResolvedUser(4242, 0, List.of(0L), "/"));
    assertThat(Users.resolve(root, UserSpec.parse("0")))
        .isEqualTo(new ResolvedUser(0, 0, List.of(0L), "/root"));
  }

  @Test
  void resolve_missingFilesOnlyAllowNumbers() throws Exception {
    assertThat(Users.resolve(root, UserSpec.parse("7:8")))
        .isEqualTo(new ResolvedUser(7, 8, List.of(8L), "/"));
    assertThatThrownBy(() -> Users.resolve(root, UserSpec.parse("app")))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessage("unable to find user app: no matching entries in passwd file");
  }

  @Test
  void resolve_refusesPasswdSymlinkedOutOfTheRoot() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/etc/passwd"));
    assertThatThrownBy(() -> Users.resolve(root, UserSpec.parse("root")))
        .hasMessageContaining("symlink");
  }

  @Test
  void owner_looksNamesUpThroughAnEtcLinkedToAnAbsolutePathInsideTheRoot(@TempDir Path host)
      throws Exception {
    // The host directory the link names holds a passwd with the name; the root's own copy differs.
    Files.writeString(host.resolve("passwd"), "app:x:1:1::/:/bin/sh\n");
    Files.writeString(host.resolve("group"), "grp:x:1:\n");
    Path inRoot = Files.createDirectories(root.resolve(host.toString().substring(1)));
    Files.writeString(inRoot.resolve("passwd"), "app:x:4321:4321::/:/bin/sh\n");
    Files.writeString(inRoot.resolve("group"), "grp:x:4322:\n");
    Files.createSymbolicLink(root.resolve("etc"), host);
    assertThat(Users.owner(root, "app:grp")).isEqualTo(new Users.Owner(4321, 4322));
    Files.delete(inRoot.resolve("passwd"));
    assertThatThrownBy(() -> Users.owner(root, "app"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("app");
  }

  @Test
  void environment_addsPathAndHomeOnlyWhenMissing() {
    ResolvedUser u = new ResolvedUser(1, 1, List.of(), "/home/u");
    assertThat(u.environment(List.of("A=b")))
        .containsExactly("A=b", "PATH=" + ResolvedUser.DEFAULT_PATH, "HOME=/home/u");
    assertThat(u.environment(List.of("PATH=/x", "HOME=/y"))).containsExactly("PATH=/x", "HOME=/y");
  }

  @Test
  void containment_followsLinksInsideTheRoot() throws Exception {
    Files.createDirectories(root.resolve("run"));
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("/run/resolv.conf"));
    Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../tmp"));
    assertThat(RootPath.of(root).path("/etc/resolv.conf", true))
        .isEqualTo(root.resolve("run/resolv.conf"));
    assertThat(RootPath.of(root).path("/escape/x", true)).isEqualTo(root.resolve("tmp/x"));
    assertThat(RootPath.of(root).path("/../../x", true)).isEqualTo(root.resolve("x"));
  }
}
