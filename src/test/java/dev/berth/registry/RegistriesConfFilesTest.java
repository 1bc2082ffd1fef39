package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.registry.RegistriesConf.Entry;
import dev.berth.registry.RegistriesConf.Mirror;
import dev.berth.registry.RegistriesConf.PullFrom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, reading and merging registries.conf and its drop-ins as podman does. */
class RegistriesConfFilesTest {

  @TempDir Path tmp;

  private Path write(String relative, String text) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private RegistriesConf load(Map<String, String> env) throws BerthException {
    return RegistriesConfFiles.forEnvironment(env, tmp.resolve("etc")).read();
  }

  private Map<String, String> home() {
    return Map.of("HOME", tmp.resolve("home").toString());
  }

  @Test
  void readsTheVersionTwoFormat() throws IOException {
    Path f =
        write(
            "etc/containers/registries.conf",
            """
            unqualified-search-registries = ["registry.example", "docker.io"]
            short-name-mode = "enforcing"

            [[registry]]
            prefix = "example.com/foo"
            location = "internal.example/bar/"
            insecure = true

            [[registry.mirror]]
            location = "mirror-0.local/foo"
            [[registry.mirror]]
            location = "mirror-1.local:5000/foo"
            insecure = true
            pull-from-mirror = "digest-only"

            [[registry]]
            location = "blocked.example"
            blocked = true

            [aliases]
            "myapp" = "quay.io/team/myapp"
            """);
    RegistriesConf c = load(home());
    assertThat(c.files()).containsExactly(f);
    assertThat(c.searchRegistries()).containsExactly("registry.example", "docker.io");
    assertThat(c.shortNameMode()).isEqualTo(RegistriesConf.ShortNameMode.ENFORCING);
    assertThat(c.registries())
        .containsExactly(
            new Entry("blocked.example", "blocked.example", false, true, false, List.of(), f),
            new Entry(
                "example.com/foo",
                "internal.example/bar",
                true,
                false,
                false,
                List.of(
                    new Mirror("mirror-0.local/foo", false, PullFrom.ALL),
                    new Mirror("mirror-1.local:5000/foo", true, PullFrom.DIGEST_ONLY)),
                f));
    assertThat(c.aliases().get("myapp").target()).isEqualTo("quay.io/team/myapp");
    assertThat(c.insecureHosts()).containsExactly("internal.example", "mirror-1.local:5000");
    assertThat(c.blockedPrefixes()).containsExactly("blocked.example");
  }

  @Test
  void theUsersFileReplacesTheSystemsAndTheEnvironmentNamesAnother() throws IOException {
    write("etc/containers/registries.conf", "unqualified-search-registries = [\"system.example\"]");
    write(
        "etc/containers/registries.conf.d/10-aliases.conf", "[aliases]\nsys = \"sys.example/x\"\n");
    Path user =
        write(
            "home/.config/containers/registries.conf",
            "unqualified-search-registries = [\"user.example\"]");
    RegistriesConf c = load(home());
    assertThat(c.searchRegistries()).containsExactly("user.example");
    // With the user's file, the system's drop-ins are not read either.
    assertThat(c.aliases()).isEmpty();
    assertThat(c.files()).containsExactly(user);

    Path named = write("named.conf", "unqualified-search-registries = [\"named.example\"]");
    RegistriesConf n =
        load(
            Map.of(
                "HOME", tmp.resolve("home").toString(), RegistriesConfFiles.ENV, named.toString()));
    assertThat(n.searchRegistries()).containsExactly("named.example");
    assertThat(n.aliases()).containsOnlyKeys("sys");
  }

  @Test
  void dropInsOverrideInNameOrder() throws IOException {
    write(
        "etc/containers/registries.conf",
        """
        unqualified-search-registries = ["a.example"]
        [[registry]]
        location = "r.example"
        [aliases]
        one = "a.example/one"
        two = "a.example/two"
        """);
    write(
        "etc/containers/registries.conf.d/20-b.conf",
        """
        [[registry]]
        location = "r.example"
        blocked = true
        [aliases]
        two = ""
        """);
    write(
        "etc/containers/registries.conf.d/10-a.conf",
        "unqualified-search-registries = [\"b.example\"]\n[aliases]\none = \"b.example/one\"\n");
    write("etc/containers/registries.conf.d/ignored.txt", "not = [toml");
    RegistriesConf c = load(home());
    assertThat(c.searchRegistries()).containsExactly("b.example");
    assertThat(c.aliases()).containsOnlyKeys("one");
    assertThat(c.aliases().get("one").target()).isEqualTo("b.example/one");
    assertThat(c.registries()).hasSize(1);
    assertThat(c.registries().get(0).blocked()).isTrue();
  }

  @Test
  void readsTheVersionOneFormat() throws IOException {
    write(
        "etc/containers/registries.conf",
        """
        [registries.search]
        registries = ['registry1.com', 'registry2.com']
        [registries.insecure]
        registries = ['registry3.com']
        [registries.block]
        registries = ['registry.unsafe.com']
        """);
    RegistriesConf c = load(home());
    assertThat(c.searchRegistries()).containsExactly("registry1.com", "registry2.com");
    assertThat(c.insecureHosts()).containsExactly("registry3.com");
    assertThat(c.blockedPrefixes()).containsExactly("registry.unsafe.com");
  }

  @Test
  void noFileIsNoConfiguration() throws BerthException {
    RegistriesConf c = load(home());
    assertThat(c.searchRegistries()).isEmpty();
    assertThat(c.registries()).isEmpty();
    assertThat(c.files()).isEmpty();
  }

  @Test
  void badTomlNamesTheFileAndLine() throws IOException {
    Path f =
        write(
            "etc/containers/registries.conf",
            "unqualified-search-registries = [\"a.example\"]\n\n[[registry]]\nlocation = x\n");
    assertThatThrownBy(() -> load(home()))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.diagnostics()).hasSize(1);
              assertThat(e.diagnostics().get(0).range().file()).isEqualTo(f.toString());
              assertThat(e.diagnostics().get(0).range().startLine()).isEqualTo(4);
            })
        .hasMessageContaining("not valid TOML");
  }

  @Test
  void badValuesNameTheirTableAndLine() throws IOException {
    write(
        "etc/containers/registries.conf",
        "[[registry]]\n"
            + "location = \"a.example\"\n\n"
            + "[[registry]]\n"
            + "location = \"b.example\"\n"
            + "insecure = \"yes\"\n");
    assertThatThrownBy(() -> load(home()))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> assertThat(e.diagnostics().get(0).range().startLine()).isEqualTo(4))
        .hasMessageContaining("[[registry]] #2.insecure must be true or false");

    write("etc/containers/registries.conf", "[[registry]]\nprefix = \"a.example\"\n");
    assertThatThrownBy(() -> load(home())).hasMessageContaining("the location cannot be empty");

    write("etc/containers/registries.conf", "[[registry]]\nlocation = \"https://a.example\"\n");
    assertThatThrownBy(() -> load(home())).hasMessageContaining("URI schemes are not supported");

    write("etc/containers/registries.conf", "[aliases]\n\"quay.io/x\" = \"quay.io/x\"\n");
    assertThatThrownBy(() -> load(home())).hasMessageContaining("must be a short name");

    write("etc/containers/registries.conf", "[aliases]\nx = \"x:1\"\n");
    assertThatThrownBy(() -> load(home())).hasMessageContaining("must be a fully qualified name");
  }
}
