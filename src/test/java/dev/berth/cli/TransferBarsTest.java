package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.TransferUpdate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferBarsTest {

  @Test
  void aLayerInProgressShowsABarAndItsBytes() {
    String line =
        TransferBars.render(
            new TransferUpdate("3f1a2b4c5d6e", "Downloading", 25_000_000, 100_000_000));
    assertThat(line).startsWith("3f1a2b4c5d6e: Downloading [==========>").endsWith(" 25MB/100MB");
    assertThat(TransferBars.render(new TransferUpdate("3f1a2b4c5d6e", "Pull complete", 10, 10)))
        .isEqualTo("3f1a2b4c5d6e: Pull complete");
  }

  @Test
  void linesAreRedrawnInPlaceAndThrottled() {
    StringWriter out = new StringWriter();
    AtomicLong now = new AtomicLong();
    TransferBars bars = new TransferBars(new PrintWriter(out), now::get);
    bars.accept(new TransferUpdate("aaaaaaaaaaaa", "Downloading", 0, 100));
    bars.accept(new TransferUpdate("bbbbbbbbbbbb", "Downloading", 0, 100));
    int afterTwo = out.toString().length();
    // Within 100 ms, more bytes of the same status do not redraw.
    now.addAndGet(10_000_000L);
    bars.accept(new TransferUpdate("aaaaaaaaaaaa", "Downloading", 50, 100));
    assertThat(out.toString()).hasSize(afterTwo);
    // A status change redraws at once: the cursor goes up over the two drawn lines.
    bars.accept(new TransferUpdate("aaaaaaaaaaaa", "Pull complete", 100, 100));
    String tail = out.toString().substring(afterTwo);
    assertThat(tail)
        .startsWith("\033[1A\033[2K\033[1A\033[2K")
        .contains("aaaaaaaaaaaa: Pull complete");
    // Messages go above the layer lines.
    bars.accept(new TransferUpdate("", "Digest: sha256:x", 0, 0));
    assertThat(out.toString())
        .endsWith(
            "Digest: sha256:x\naaaaaaaaaaaa: Pull complete\n"
                + TransferBars.render(new TransferUpdate("bbbbbbbbbbbb", "Downloading", 0, 100))
                + "\n");
  }
}
