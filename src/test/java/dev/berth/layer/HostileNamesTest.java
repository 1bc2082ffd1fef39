package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names no file system takes (a NUL byte in a PAX path, over-long names and components) are a layer
 * error naming the entry and where it is, with a message of bounded length: never an
 * InvalidPathException or a message that is a 4 KB path.
 */
class HostileNamesTest {

  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
  }

  /** A tar of a file "ok", then an entry "x" whose PAX records say otherwise. */
  private static byte[] paxTar(char type, Map<String, String> pax) {
    String link = type == '1' || type == '2' ? "ok" : "";
    return new RawTar().file("ok", "1", Map.of()).entry("x", type, link, new byte[0], pax).bytes();
  }

  private BerthException refused(byte[] layer) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> new LayerApplier().apply(new ByteArrayInputStream(layer), root));
    assertThat(t).isInstanceOf(BerthException.class);
    BerthException b = (BerthException) t;
    assertThat(b.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(b.code()).isEqualTo(LayerErrors.BAD_LAYER);
    assertThat(b.getMessage().length()).as("message length").isLessThan(400);
    return b;
  }

  @Test
  void aNulByteInAPaxPath_isALayerErrorNamingTheEntryAndItsPlace() throws IOException {
    BerthException e = refused(paxTar('0', Map.of("path", "etc/pass\0wd")));
    assertThat(e)
        .hasMessageContaining("layer entry 'etc/pass\\0wd'")
        .hasMessageContaining("holds a NUL byte")
        .hasMessageContaining("(entry 2, header at byte 1024)");
  }

  @Test
  void aNulByteInAPaxLinkPath_isRefusedToo() throws IOException {
    BerthException e = refused(paxTar('2', Map.of("linkpath", "/etc\0/shadow")));
    assertThat(e).hasMessageContaining("the link target holds a NUL byte");
  }

  @Test
  void aNameLongerThanPathMax_isRefusedWithAShortenedName() throws IOException {
    String name = "d/" + "x".repeat(4096);
    BerthException e = refused(paxTar('0', Map.of("path", name)));
    assertThat(e)
        .hasMessageContaining("the name is 4098 bytes long; at most 4095 are allowed")
        .hasMessageContaining("(4098 bytes)")
        .hasMessageContaining("…");
  }

  @Test
  void aComponentLongerThanNameMax_isRefused() throws IOException {
    BerthException e = refused(paxTar('0', Map.of("path", "d/" + "y".repeat(256))));
    assertThat(e).hasMessageContaining("a component of the name is 256 bytes long; at most 255");
    // 255 is fine.
    new LayerApplier()
        .apply(new ByteArrayInputStream(paxTar('0', Map.of("path", "d/" + "y".repeat(255)))), root);
    assertThat(root.resolve("d/" + "y".repeat(255))).exists();
  }

  @Test
  void aHardLinkToAnOverlongComponent_isRefused_aSymlinkMayPointAnywhere() throws IOException {
    refused(paxTar('1', Map.of("linkpath", "z".repeat(300))));
    new LayerApplier()
        .apply(new ByteArrayInputStream(paxTar('2', Map.of("linkpath", "z".repeat(300)))), root);
    assertThat(Files.readSymbolicLink(root.resolve("x")).toString()).hasSize(300);
  }

  @Test
  void aNameWithinTheLimitsThatIsTooLongBelowTheRoot_isALayerErrorNotThePath() throws IOException {
    // 16 components of 255 bytes: 4095 bytes, the limit, but longer than that below the root.
    String name = String.join("/", java.util.Collections.nCopies(16, "a".repeat(255)));
    assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(4095);
    BerthException e = refused(paxTar('0', Map.of("path", name)));
    assertThat(e).hasMessageContaining("the path is too long for the file system below the target");
  }

  @Test
  void randomPaxNamesEitherApplyOrAreLayerErrors() throws IOException {
    java.util.Random random = new java.util.Random(19);
    String alphabet = "ab/.\0\n\u00e9\\ ";
    for (int i = 0; i < 300; i++) {
      StringBuilder name = new StringBuilder();
      int length = random.nextInt(10) == 0 ? 4000 + random.nextInt(400) : random.nextInt(300);
      for (int c = 0; c < length; c++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      char type = "0125".charAt(random.nextInt(4));
      Map<String, String> pax =
          random.nextBoolean()
              ? Map.of("path", name.toString())
              : Map.of("path", "e" + i, "linkpath", name.toString());
      Path target = Files.createDirectory(tmp.resolve("r" + i));
      try {
        new LayerApplier().apply(new ByteArrayInputStream(paxTar(type, pax)), target);
      } catch (BerthException e) {
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(e.getMessage().length()).as(e.getMessage()).isLessThan(400);
      }
    }
  }

  @Test
  void shownNamesEscapeControlCharacters() {
    assertThat(LayerErrors.shown("a\nb\0c")).isEqualTo("a\\x0ab\\0c");
    assertThat(LayerErrors.shown("short")).isEqualTo("short");
  }
}
