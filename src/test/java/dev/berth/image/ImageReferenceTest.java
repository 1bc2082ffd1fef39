package dev.berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  private static final String HEX =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # input                                | registry             | repository        | tag      | digest      | familiar
          busybox                                | docker.io            | library/busybox   | latest   | -           | busybox:latest
          busybox:1.36                           | docker.io            | library/busybox   | 1.36     | -           | busybox:1.36
          user/app                               | docker.io            | user/app          | latest   | -           | user/app:latest
          user/app:1                             | docker.io            | user/app          | 1        | -           | user/app:1
          library/redis                          | docker.io            | library/redis     | latest   | -           | redis:latest
          docker.io/redis:7                      | docker.io            | library/redis     | 7        | -           | redis:7
          index.docker.io/team/tool:v2           | docker.io            | team/tool         | v2       | -           | team/tool:v2
          docker.io/library/a/b                  | docker.io            | library/a/b       | latest   | -           | library/a/b:latest
          registry.example.com/x:tag             | registry.example.com | x                 | tag      | -           | registry.example.com/x:tag
          registry.example.com:8443/deep/er/x    | registry.example.com:8443 | deep/er/x    | latest   | -           | registry.example.com:8443/deep/er/x:latest
          localhost/img                          | localhost            | img               | latest   | -           | localhost/img:latest
          localhost:5000/a/b@sha256:HEX          | localhost:5000       | a/b               | -        | sha256:HEX  | localhost:5000/a/b@sha256:HEX
          localhost:5000/a/b:v1@sha256:HEX       | localhost:5000       | a/b               | v1       | sha256:HEX  | localhost:5000/a/b:v1@sha256:HEX
          busybox@sha256:HEX                     | docker.io            | library/busybox   | -        | sha256:HEX  | busybox@sha256:HEX
          localhost:5000                         | docker.io            | library/localhost | 5000     | -           | localhost:5000
          127.0.0.1:5000/my_app.x__y--z          | 127.0.0.1:5000       | my_app.x__y--z    | latest   | -           | 127.0.0.1:5000/my_app.x__y--z:latest
          [::1]:5000/ipv6                        | [::1]:5000           | ipv6              | latest   | -           | [::1]:5000/ipv6:latest
          MyHost/app:Tag_1.x-y                   | MyHost               | app               | Tag_1.x-y| -           | MyHost/app:Tag_1.x-y
          """)
  void parsesAndNormalises(
      String input,
      String registry,
      String repository,
      String tag,
      String digest,
      String familiar) {
    ImageReference ref = ImageReference.parse(input.replace("HEX", HEX));

    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag().orElse(null)).isEqualTo(tag);
    assertThat(ref.digest().map(Digest::toString).orElse(null))
        .isEqualTo(digest == null ? null : digest.replace("HEX", HEX));
    assertThat(ref.familiar()).isEqualTo(familiar.replace("HEX", HEX));
    String full =
        registry
            + "/"
            + repository
            + (tag == null ? "" : ":" + tag)
            + (digest == null ? "" : "@" + digest.replace("HEX", HEX));
    assertThat(ref).hasToString(full);
    // The normalised form parses to the same reference, and so does the familiar one.
    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                               | empty name
          :tag                             | empty name
          Busybox                          | repository name 'library/Busybox' must be lowercase
          docker.io/User/app               | repository name 'User/app' must be lowercase
          app:-bad                         | bad tag '-bad'
          app:.bad                         | bad tag '.bad'
          app:bad/tag                      | invalid registry host 'app:bad'
          app:tag!                         | bad tag 'tag!'
          app@sha256:abc                   | invalid digest 'sha256:abc'
          app@md5:0123                     | invalid digest 'md5:0123'
          app@                             | invalid digest ''
          a//b                             | has an empty path component
          a/b/                             | has an empty path component
          -app                             | path component '-app'
          app-                             | path component 'app-'
          a___b                            | path component 'a___b'
          a..b                             | path component 'a..b'
          exa_mple.com/app                 | invalid registry host 'exa_mple.com'
          host:port/app                    | invalid registry host 'host:port'
          -host.com/app                    | invalid registry host '-host.com'
          """)
  void rejectsWithAMessageSayingWhatIsWrong(String input, String expected) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid image reference '" + input + "': ")
        .hasMessageContaining(expected);
  }

  @org.junit.jupiter.api.Test
  void rejectsImageIdsAndOverlongNamesAndTags() {
    assertThatThrownBy(() -> ImageReference.parse(HEX))
        .hasMessageContaining("looks like an image ID");
    assertThat(ImageReference.parse("x/" + HEX).repository()).isEqualTo("x/" + HEX);
    assertThatThrownBy(() -> ImageReference.parse("a".repeat(256)))
        .hasMessageContaining("longer than 255");
    assertThat(ImageReference.parse("a:" + "t".repeat(128)).tag()).hasValue("t".repeat(128));
    assertThatThrownBy(() -> ImageReference.parse("a:" + "t".repeat(129)))
        .hasMessageContaining("bad tag");
  }

  @org.junit.jupiter.api.Test
  void withTagAndWithDigestKeepTheName() {
    ImageReference ref = ImageReference.parse("user/app:1");
    Digest d = Digest.parse("sha256:" + HEX);

    assertThat(ref.withTag("2")).hasToString("docker.io/user/app:2");
    assertThat(ref.withDigest(d)).hasToString("docker.io/user/app:1@sha256:" + HEX);
    assertThat(ref.withDigest(d).withTag("3").digest()).isEmpty();
    assertThat(ref.name()).isEqualTo("docker.io/user/app");
    assertThatThrownBy(() -> ref.withTag("-x")).hasMessageContaining("bad tag '-x'");
  }
}
