package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdTest {

  @Test
  void of_firstIsDiffId_nextHashesParentSpaceDiffId() {
    Digest a = Digest.sha256("a".getBytes(UTF_8));
    Digest b = Digest.sha256("b".getBytes(UTF_8));
    Digest c = Digest.sha256("c".getBytes(UTF_8));
    List<Digest> chain = ChainId.of(List.of(a, b, c));
    assertThat(chain.get(0)).isEqualTo(a);
    Digest ab = Digest.sha256((a + " " + b).getBytes(UTF_8));
    assertThat(chain.get(1)).isEqualTo(ab);
    assertThat(chain.get(2)).isEqualTo(Digest.sha256((ab + " " + c).getBytes(UTF_8)));
    assertThat(ChainId.of(List.of())).isEmpty();
  }
}
