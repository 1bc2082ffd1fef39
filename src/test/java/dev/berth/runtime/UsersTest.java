package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
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
    assertThat(Containment.inside(root, "/etc/resolv.conf"))
        .isEqualTo(root.resolve("run/resolv.conf"));
    assertThat(Containment.inside(root, "/escape/x")).isEqualTo(root.resolve("tmp/x"));
    assertThat(Containment.inside(root, "/../../x")).isEqualTo(root.resolve("x"));
  }
}
