package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The syntax of build's CONTEXT, --build-context, --add-host, --ulimit, --shm-size, --platform. */
class BuildInputParsersTest {

  @Test
  void contextArgumentsAsDockerTellsThemApart() throws BerthException {
    assertThat(ContextSource.parse("-")).isEqualTo(new ContextSource.Stdin());
    assertThat(ContextSource.parse(".")).isEqualTo(new ContextSource.Directory(Path.of(".")));
    assertThat(ContextSource.parse("a/b.git"))
        .as("a relative path ending in .git is a folder")
        .isEqualTo(new ContextSource.Directory(Path.of("a/b.git")));
    ContextSource git = ContextSource.parse("https://example.com/org/x.git#main:dir/sub");
    assertThat(git)
        .isEqualTo(
            new ContextSource.Git(
                new GitUrl(
                    "https://example.com/org/x.git", Optional.of("main"), Optional.of("dir/sub"))));
    assertThatThrownBy(() -> ContextSource.parse("https://example.com/ctx.tar.gz"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("download other URLs first");
  }

  @Test
  void gitUrlFormsKeepTheirSlashes() throws BerthException {
    assertThat(GitUrl.parse("git@github.com:org/x.git#v1"))
        .isEqualTo(new GitUrl("git@github.com:org/x.git", Optional.of("v1"), Optional.empty()));
    assertThat(GitUrl.parse("git://127.0.0.1:9418/x.git#v1:app"))
        .isEqualTo(new GitUrl("git://127.0.0.1:9418/x.git", Optional.of("v1"), Optional.of("app")));
    assertThat(GitUrl.parse("file:///srv/x.git#:sub/"))
        .isEqualTo(new GitUrl("file:///srv/x.git", Optional.empty(), Optional.of("sub")));
    assertThat(GitUrl.parse("github.com/org/x").remote()).isEqualTo("https://github.com/org/x");
    assertThat(GitUrl.parse("ssh://git@host/x.git").ref()).isEmpty();
    assertThat(GitUrl.parse("https://h/x.git#refs/pull/1/head").ref()).contains("refs/pull/1/head");
    assertThat(GitUrl.isGit("http://h/x")).isFalse();
    assertThat(GitUrl.isGit("http://h/x.git#v1")).isTrue();
  }

  @Test
  void badGitUrlsAreInvalidInput() {
    for (String bad :
        new String[] {
          "https://h/x.git#v1:../up",
          "https://h/x.git#--upload-pack=evil",
          "https:///x.git",
          "git@host",
          "file://relative/x.git",
          "https://h/x.git#a..b"
        }) {
      assertThatThrownBy(() -> GitUrl.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }
  }

  @Test
  void namedContexts() throws BerthException {
    assertThat(NamedContext.parse("base=docker-image://alpine:3.20"))
        .isEqualTo(new NamedContext.Named("base", new NamedContext.Image("alpine:3.20")));
    assertThat(NamedContext.parse("Lib=../lib"))
        .isEqualTo(new NamedContext.Named("lib", new NamedContext.Local(Path.of("../lib"))));
    assertThat(NamedContext.parse("src=git@h:x.git#v1").context())
        .isEqualTo(
            new NamedContext.Git(new GitUrl("git@h:x.git", Optional.of("v1"), Optional.empty())));
    assertThat(NamedContext.parse("docker.io/library/alpine:3=docker-image://alpine:3.20").name())
        .isEqualTo("docker.io/library/alpine:3");
    assertThatThrownBy(() -> NamedContext.parse("lib")).hasMessageContaining("NAME=PATH");
    assertThatThrownBy(() -> NamedContext.parse("x=docker-image://"))
        .hasMessageContaining("names no image");
    assertThatThrownBy(() -> NamedContext.parse("x=https://h/ctx.tar"))
        .hasMessageContaining("not 'https://h/ctx.tar'");
    assertThatThrownBy(() -> NamedContext.parse("x=target:other"))
        .isInstanceOf(BerthException.class);
  }

  @Test
  void addHostInDockersForms() {
    assertThat(ExtraHost.parse("db:10.0.0.5")).isEqualTo(new ExtraHost("db", "10.0.0.5"));
    assertThat(ExtraHost.parse("db=10.0.0.5")).isEqualTo(new ExtraHost("db", "10.0.0.5"));
    assertThat(ExtraHost.parse("v6:::1")).isEqualTo(new ExtraHost("v6", "::1"));
    assertThat(ExtraHost.parse("v6=[2001:db8::1]")).isEqualTo(new ExtraHost("v6", "2001:db8::1"));
    ExtraHost gw = ExtraHost.parse("host.docker.internal:host-gateway");
    assertThat(gw.isHostGateway()).isTrue();
    assertThat(gw.resolveGateway("127.0.0.1").ip()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> ExtraHost.parse("db")).hasMessage("bad format for add-host: \"db\"");
    assertThatThrownBy(() -> ExtraHost.parse("db:example.com"))
        .hasMessage("invalid IP address in add-host: \"example.com\"");
    assertThatThrownBy(() -> ExtraHost.parse("db:1.2.3"))
        .hasMessageContaining("invalid IP address");
    assertThatThrownBy(() -> ExtraHost.parse("b@d:1.2.3.4"))
        .hasMessageContaining("invalid hostname");
  }

  @Test
  void ulimitsInDockersForms() {
    assertThat(Ulimit.parse("nofile=1024:2048")).isEqualTo(new Ulimit("nofile", 1024, 2048));
    assertThat(Ulimit.parse("nproc=512")).isEqualTo(new Ulimit("nproc", 512, 512));
    assertThat(Ulimit.parse("core=-1")).isEqualTo(new Ulimit("core", -1, -1));
    assertThat(Ulimit.parse("memlock=1:-1")).isEqualTo(new Ulimit("memlock", 1, -1));
    assertThat(Ulimit.parse("nofile=1024:2048").rlimitType()).isEqualTo("RLIMIT_NOFILE");
    assertThatThrownBy(() -> Ulimit.parse("nofiles=1")).hasMessage("invalid ulimit type: nofiles");
    assertThatThrownBy(() -> Ulimit.parse("nofile")).hasMessage("invalid ulimit argument: nofile");
    assertThatThrownBy(() -> Ulimit.parse("nofile=2:1"))
        .hasMessage("ulimit soft limit must be less than or equal to hard limit: 2 > 1");
    assertThatThrownBy(() -> Ulimit.parse("nofile=1:2:3"))
        .hasMessageContaining("can only have up to two");
    assertThatThrownBy(() -> Ulimit.parse("nofile=x")).hasMessage("invalid ulimit argument: x");
  }

  @Test
  void sizesAsDockerReadsThem() {
    assertThat(MemorySize.parse("128m")).isEqualTo(128L << 20);
    assertThat(MemorySize.parse("128MB")).isEqualTo(128L << 20);
    assertThat(MemorySize.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(MemorySize.parse("4096")).isEqualTo(4096);
    assertThat(MemorySize.parse("1.5k")).isEqualTo(1536);
    assertThatThrownBy(() -> MemorySize.parse("big")).hasMessageContaining("invalid size");
    assertThatThrownBy(() -> MemorySize.parse("-1m")).hasMessageContaining("invalid size");
  }

  @Test
  void onlyThisMachinesPlatform() {
    Platform host = Platform.of("linux", "amd64");
    assertThat(PlatformOption.parse("linux/amd64", host)).isEqualTo(host);
    assertThat(PlatformOption.parse("linux/x86_64", host)).isEqualTo(host);
    assertThat(PlatformOption.parse("amd64", host)).isEqualTo(host);
    assertThat(PlatformOption.parse("linux/amd64/v2", host))
        .isEqualTo(Platform.of("linux", "amd64", "v2"));
    assertThatThrownBy(() -> PlatformOption.parse("linux/arm64", host))
        .hasMessageContaining("only for this machine's platform, linux/amd64")
        .hasMessageContaining("no emulation");
    assertThatThrownBy(() -> PlatformOption.parse("linux/amd64/v9", host))
        .hasMessageContaining("only for this machine's platform");
    assertThatThrownBy(() -> PlatformOption.parse("linux/amd64,linux/arm64", host))
        .hasMessageContaining("one platform");
    assertThatThrownBy(() -> PlatformOption.parse("linux//", host))
        .hasMessageContaining("OS/ARCH[/VARIANT]");
    Platform arm = Platform.of("linux", "arm64");
    assertThat(PlatformOption.parse("linux/arm64/v8", arm)).isEqualTo(arm);
  }

  @Test
  void tarHeadersByTheirChecksum() {
    byte[] header = new byte[512];
    byte[] name = "Dockerfile".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, header, 0, name.length);
    header[156] = '0';
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, header, 148, 8);
    assertThat(TarHeaders.isTar(header)).isTrue();
    header[0] = 'X';
    assertThat(TarHeaders.isTar(header)).as("a changed byte breaks the checksum").isFalse();
    byte[] dockerfile = new byte[512];
    byte[] text = "FROM busybox\nRUN echo hi\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, dockerfile, 0, text.length);
    assertThat(TarHeaders.isTar(dockerfile)).isFalse();
    assertThat(TarHeaders.isTar(text)).as("shorter than a block").isFalse();
  }
}
