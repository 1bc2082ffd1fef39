package dev.berth.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A lifecycle hook's output: each line to the progress and to the dev container's hook log, with
 * when it was written and which hook wrote it (so {@code dev logs} can show it later).
 */
final class HookLog extends OutputStream {

  private final Path log;
  private final String hook;
  private final Consumer<String> progress;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  HookLog(Path log, String hook, Consumer<String> progress) {
    this.log = log;
    this.hook = hook;
    this.progress = progress;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (b == '\n') {
      emit();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    if (line.size() > 0) {
      emit();
    }
  }

  private void emit() throws IOException {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    progress.accept(text);
    DevContainerService.append(log, Instant.now() + " " + hook + ": " + text);
  }
}
