package dev.berth.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagesTest {

  private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
  private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));
  private static final Digest C = Digest.parse("sha256:" + "c".repeat(64));

  /** SHA-256 of a string, in hex, computed here without {@link Digest}. */
  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
  }

  @Test
  void chainIdsFollowTheOciDefinition() throws Exception {
    String ab = "sha256:" + sha256Hex("sha256:" + "a".repeat(64) + " sha256:" + "b".repeat(64));
    String abc = "sha256:" + sha256Hex(ab + " sha256:" + "c".repeat(64));

    List<Digest> chain = Images.chainIds(List.of(A, B, C));

    assertThat(chain).extracting(Digest::toString).containsExactly(A.toString(), ab, abc);
    assertThat(Images.chainId(List.of(A, B, C))).hasValue(Digest.parse(abc));
    assertThat(Images.chainId(List.of(A))).hasValue(A);
    assertThat(Images.chainIds(List.of())).isEmpty();
    assertThat(Images.chainId(List.of())).isEmpty();
  }

  @Test
  void chainIdsDependOnOrderAndOnEveryLowerLayer() {
    assertThat(Images.chainId(List.of(A, B))).isNotEqualTo(Images.chainId(List.of(B, A)));
    assertThat(Images.chainIds(List.of(A, B, C)).get(2))
        .isNotEqualTo(Images.chainIds(List.of(C, B, C)).get(2));
    // A shared base gives shared snapshots.
    assertThat(Images.chainIds(List.of(A, B, C)).subList(0, 2))
        .isEqualTo(Images.chainIds(List.of(A, B)));
  }

  @Test
  void chainIdsOfAConfigUseItsDiffIds() {
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withLayer(A, History.layer(Instant.EPOCH, "one", ""))
            .withLayer(B, History.layer(Instant.EPOCH, "two", ""));

    assertThat(Images.chainIds(config)).isEqualTo(Images.chainIds(List.of(A, B)));
  }

  @Test
  void imageIdIsTheDigestOfTheConfigBytes() throws Exception {
    byte[] bytes = "{\"architecture\":\"amd64\"}".getBytes(UTF_8);

    assertThat(Images.imageId(bytes).toString())
        .isEqualTo("sha256:" + sha256Hex("{\"architecture\":\"amd64\"}"));
  }
}
