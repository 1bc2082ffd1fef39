package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.ImageReference;
import dev.berth.registry.RegistriesConf.Alias;
import dev.berth.registry.RegistriesConf.Entry;
import dev.berth.registry.RegistriesConf.Mirror;
import dev.berth.registry.RegistriesConf.PullFrom;
import dev.berth.registry.RegistriesConf.ShortNameMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which names and places a pull tries, as containers-registries.conf(5) describes. */
class PullSourcesTest {

  private static final Path FILE = Path.of("/etc/containers/registries.conf");
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private static RegistriesConf conf(List<String> search, List<Entry> entries) {
    return new RegistriesConf(
        search,
        entries,
        Map.of("myapp", new Alias("quay.io/team/myapp", FILE)),
        ShortNameMode.PERMISSIVE,
        List.of(FILE));
  }

  private static List<String> endpoints(PullSources s, String name) throws BerthException {
    return s.endpoints(ImageReference.parse(name)).stream()
        .map(e -> e.reference() + (e.mirror() ? " (mirror)" : ""))
        .toList();
  }

  @Test
  void theManPagesExampleTriesBothMirrorsThenTheLocation() throws BerthException {
    PullSources s =
        new PullSources(
            conf(
                List.of(),
                List.of(
                    new Entry(
                        "example.com/foo",
                        "internal-registry-for-example.net/bar",
                        false,
                        false,
                        false,
                        List.of(
                            new Mirror(
                                "example-mirror-0.local/mirror-for-foo", false, PullFrom.ALL),
                            new Mirror("example-mirror-1.local/mirrors/foo", true, PullFrom.ALL)),
                        FILE),
                    new Entry(
                        "registry.com",
                        "registry.com",
                        false,
                        false,
                        false,
                        List.of(new Mirror("mirror.registry.com", false, PullFrom.ALL)),
                        FILE))));
    assertThat(endpoints(s, "example.com/foo/image:latest"))
        .containsExactly(
            "example-mirror-0.local/mirror-for-foo/image:latest (mirror)",
            "example-mirror-1.local/mirrors/foo/image:latest (mirror)",
            "internal-registry-for-example.net/bar/image:latest");
    assertThat(endpoints(s, "registry.com/image:1"))
        .containsExactly("mirror.registry.com/image:1 (mirror)", "registry.com/image:1");
    // A prefix covers whole components only: example.com/foobar is not example.com/foo.
    assertThat(endpoints(s, "example.com/foobar/x:1")).containsExactly("example.com/foobar/x:1");
  }

  @Test
  void theLongestPrefixWinsAndWildcardsMatchSubdomains() throws BerthException {
    PullSources s =
        new PullSources(
            conf(
                List.of(),
                List.of(
                    new Entry(
                        "docker.io",
                        "docker.io",
                        false,
                        false,
                        false,
                        List.of(new Mirror("hub-mirror.local", false, PullFrom.ALL)),
                        FILE),
                    new Entry(
                        "docker.io/library/busybox",
                        "local.example/bb",
                        false,
                        false,
                        false,
                        List.of(),
                        FILE),
                    new Entry("*.corp.example", "", false, true, false, List.of(), FILE))));
    assertThat(endpoints(s, "busybox")).containsExactly("local.example/bb:latest");
    assertThat(endpoints(s, "alpine:3"))
        .containsExactly(
            "hub-mirror.local/library/alpine:3 (mirror)", "docker.io/library/alpine:3");
    assertThatThrownBy(() -> endpoints(s, "reg.a.corp.example/x:1"))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
              assertThat(e.code()).isEqualTo(PullSources.BLOCKED);
            })
        .hasMessageContaining("registry *.corp.example is blocked in " + FILE);
    // Pushes are refused too; other names pass.
    assertThatThrownBy(() -> s.checkNotBlocked(ImageReference.parse("x.corp.example/app:1")))
        .hasMessageContaining("is blocked");
    s.checkNotBlocked(ImageReference.parse("corp.example/app:1"));
  }

  @Test
  void digestOnlyAndTagOnlyMirrors() throws BerthException {
    PullSources s =
        new PullSources(
            conf(
                List.of(),
                List.of(
                    new Entry(
                        "r.example",
                        "r.example",
                        false,
                        false,
                        false,
                        List.of(
                            new Mirror("by-digest.local", false, PullFrom.DIGEST_ONLY),
                            new Mirror("by-tag.local", false, PullFrom.TAG_ONLY)),
                        FILE))));
    assertThat(endpoints(s, "r.example/x:1"))
        .containsExactly("by-tag.local/x:1 (mirror)", "r.example/x:1");
    assertThat(endpoints(s, "r.example/x@" + DIGEST))
        .containsExactly("by-digest.local/x@" + DIGEST + " (mirror)", "r.example/x@" + DIGEST);
  }

  @Test
  void shortNamesGoThroughAliasesThenEachSearchRegistry() throws BerthException {
    PullSources s = new PullSources(conf(List.of("127.0.0.1:5000", "docker.io"), List.of()));
    PullSources.Candidates app = s.candidates("myapp:2");
    assertThat(app.names()).containsExactly(ImageReference.parse("quay.io/team/myapp:2"));
    assertThat(app.note()).contains("Resolved \"myapp\" as an alias (" + FILE + ")");

    PullSources.Candidates alpine = s.candidates("alpine");
    assertThat(alpine.names().stream().map(Object::toString))
        .containsExactly("127.0.0.1:5000/alpine:latest", "docker.io/library/alpine:latest");
    // podman's words, so the user sees where the short name was looked up.
    assertThat(alpine.note())
        .contains("Resolving \"alpine\" using unqualified-search registries (" + FILE + ")");
    assertThat(s.candidates("library/x@" + DIGEST).names().stream().map(Object::toString))
        .containsExactly("127.0.0.1:5000/library/x@" + DIGEST, "docker.io/library/x@" + DIGEST);
    // A name with its registry is used as it is.
    assertThat(s.candidates("localhost/x:1").names().stream().map(Object::toString))
        .containsExactly("localhost/x:1");
  }

  @Test
  void withoutSearchRegistriesShortNamesStayOnDockerHub() throws BerthException {
    PullSources s = new PullSources(RegistriesConf.empty());
    assertThat(s.candidates("alpine").names().stream().map(Object::toString))
        .containsExactly("docker.io/library/alpine:latest");
    assertThat(endpoints(s, "alpine")).containsExactly("docker.io/library/alpine:latest");
  }

  @Test
  void enforcingModeCannotChooseForTheUser() {
    PullSources s =
        new PullSources(
            new RegistriesConf(
                List.of("a.example", "b.example"),
                List.of(),
                Map.of(),
                ShortNameMode.ENFORCING,
                List.of()));
    assertThatThrownBy(() -> s.candidates("x"))
        .hasMessageContaining("short-name resolution enforced but cannot prompt without a TTY");
  }
}
