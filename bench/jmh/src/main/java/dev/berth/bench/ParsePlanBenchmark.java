package dev.berth.bench;

import dev.berth.app.PlanRequest;
import dev.berth.app.PlanService;
import dev.berth.diag.DiagnosticException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parses and plans every Dockerfile of the benchmark corpus; one operation is one pass over the
 * whole corpus, so the score is corpus passes per second (bench/parse-plan.sh turns it into
 * Dockerfiles/s and MB/s).
 *
 * <p>The corpus folder is the system property {@code berth.corpus}, by default {@code bench/corpus}
 * relative to the working directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParsePlanBenchmark {
  private List<CorpusFile> corpus;
  private PlanService service;
  private PlanRequest request;

  /** Reads the corpus once and plans each file, so a file berth rejects fails fast, by name. */
  @Setup
  public void load() throws DiagnosticException {
    corpus = CorpusFile.readAll(corpusDir());
    service = new PlanService();
    request = PlanRequest.defaults();
    for (CorpusFile file : corpus) {
      try {
        service.plan(file.name(), file.text(), request);
      } catch (DiagnosticException e) {
        throw new IllegalStateException("corpus file does not plan: " + file.name(), e);
      }
    }
  }

  /** One pass: parse and plan every corpus file. */
  @Benchmark
  public void parseAndPlanCorpus(Blackhole blackhole) throws DiagnosticException {
    for (CorpusFile file : corpus) {
      blackhole.consume(service.plan(file.name(), file.text(), request));
    }
  }

  static Path corpusDir() {
    return Path.of(System.getProperty("berth.corpus", "bench/corpus"));
  }

  /** A corpus Dockerfile held in memory. */
  record CorpusFile(String name, String text) {
    static List<CorpusFile> readAll(Path dir) {
      try (Stream<Path> files = Files.list(dir)) {
        List<CorpusFile> corpus =
            files
                .filter(p -> p.getFileName().toString().endsWith(".Dockerfile"))
                .sorted()
                .map(CorpusFile::read)
                .toList();
        if (corpus.isEmpty()) {
          throw new IllegalStateException("no *.Dockerfile in " + dir.toAbsolutePath());
        }
        return corpus;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list corpus " + dir.toAbsolutePath(), e);
      }
    }

    private static CorpusFile read(Path path) {
      try {
        return new CorpusFile(
            path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }
}
