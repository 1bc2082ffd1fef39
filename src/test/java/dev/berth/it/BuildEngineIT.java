package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel stages, RUN mounts and secrets, and reproducible digests. */
class BuildEngineIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Berth berth;
  Path context;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    berth = BusyboxBase.store(tmp.resolve("store"));
    context = Files.createDirectories(tmp.resolve("ctx"));
  }

  private Berth.Result build(String dockerfile, String... args) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    List<String> a = new ArrayList<>(List.of("build"));
    a.addAll(List.of(args));
    a.add(context.toString());
    return berth.run(a.toArray(String[]::new));
  }

  @Test
  void independentStagesRunAtTheSameTime() throws IOException {
    String busy = "RUN i=0; while [ $i -lt 1500000 ]; do i=$((i+1)); done; echo done > /%s\n";
    String df =
        "FROM busybox-it:1 AS a\n"
            + busy.formatted("a")
            + "FROM busybox-it:1 AS b\n"
            + busy.formatted("b")
            + "FROM busybox-it:1 AS c\n"
            + busy.formatted("c")
            + "FROM busybox-it:1\nCOPY --from=a /a /a\nCOPY --from=b /b /b\nCOPY --from=c /c /c\n";
    Berth.Result r = build(df, "--progress", "rawjson", "--no-cache").ok();
    Map<Integer, Instant> started = new HashMap<>();
    Map<Integer, Instant> done = new HashMap<>();
    Map<Integer, String> text = new HashMap<>();
    for (String line : r.err().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode e = JSON.readTree(line);
      int step = e.get("step").asInt();
      switch (e.get("event").asText()) {
        case "started" -> {
          started.put(step, Instant.parse(e.get("time").asText()));
          text.put(step, e.get("text").asText());
        }
        case "done" -> done.put(step, Instant.parse(e.get("time").asText()));
        default -> {}
      }
    }
    Duration sum = Duration.ZERO;
    Instant first = null;
    Instant last = null;
    for (Map.Entry<Integer, String> t : text.entrySet()) {
      if (t.getValue().startsWith("RUN i=0")) {
        Instant s = started.get(t.getKey());
        Instant d = done.get(t.getKey());
        sum = sum.plus(Duration.between(s, d));
        first = first == null || s.isBefore(first) ? s : first;
        last = last == null || d.isAfter(last) ? d : last;
      }
    }
    Duration span = Duration.between(first, last);
    // Three busy stages on two or more cores: the span from the first start to the last end,
    // as the build itself reports them, is clearly shorter than the three run one after another.
    assertThat(span.toMillis())
        .as("span %s vs sum %s", span, sum)
        .isLessThan(sum.toMillis() * 85 / 100);
  }

  @Test
  void aCacheMountSurvivesIntoTheNextBuildButNeverIntoTheImage() throws IOException {
    String df =
        "FROM busybox-it:1\n"
            + "ARG RUN_ID\n"
            + "RUN --mount=type=cache,target=/var/cache/app echo $RUN_ID >> /var/cache/app/runs &&"
            + " wc -l < /var/cache/app/runs > /count\n";
    build(df, "-q", "-t", "cm:1", "--build-arg", "RUN_ID=1").ok();
    build(df, "-q", "-t", "cm:2", "--build-arg", "RUN_ID=2").ok();
    assertThat(berth.run("run", "--rm", "cm:2", "cat", "/count").ok().out().trim()).isEqualTo("2");
    Berth.Result ls = berth.run("run", "--rm", "cm:2", "ls", "-A", "/var/cache/app");
    // The mount point is left out of the layer, and the cache's content never gets in.
    assertThat(ls.exitCode()).as(ls.out()).isNotZero();
    assertThat(ls.err()).contains("No such file or directory");
  }

  @Test
  void aSecretIsReadableInItsRunAndAbsentFromLayersConfigAndHistory() throws IOException {
    Path secret = tmp.resolve("token.txt");
    String value = "hunter2-" + System.nanoTime();
    Files.writeString(secret, value);
    String df =
        "FROM busybox-it:1\n"
            + "RUN --mount=type=secret,id=token,required cat /run/secrets/token | wc -c > /len &&"
            + " ls /run/secrets\n"
            + "RUN --mount=type=secret,id=token,env=TOKEN test \"$TOKEN\" = \"$(cat"
            + " /run/secrets/token 2>/dev/null || echo $TOKEN)\" && echo ok > /env-ok\n";
    build(df, "-q", "-t", "sec:1", "--secret", "id=token,src=" + secret).ok();
    assertThat(berth.run("run", "--rm", "sec:1", "cat", "/len").ok().out().trim())
        .isEqualTo(Integer.toString(value.length()));
    Path archive = tmp.resolve("sec.tar");
    berth.run("save", "-o", archive.toString(), "sec:1").ok();
    assertThat(archiveText(archive)).doesNotContain(value);
    assertThat(berth.run("inspect", "sec:1").ok().out()).doesNotContain(value);
    assertThat(berth.run("run", "--rm", "sec:1", "ls", "/run").exitCode()).isNotZero();

    Berth.Result missing =
        build(df.replace("cat /run", "cat  /run"), "-t", "sec:2", "--progress", "plain");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("secret 'token' is required");
  }

  /** Every file of a saved archive, layers decompressed, as one string. */
  private static String archiveText(Path archive) throws IOException {
    StringBuilder all = new StringBuilder();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarFile(archive)) {
      for (TarArchiveEntry e : tar.getEntries()) {
        byte[] data = tar.getInputStream(e).readAllBytes();
        all.append(new String(data, StandardCharsets.ISO_8859_1));
        if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
          try (var in =
              new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(data)))) {
            TarArchiveEntry inner;
            while ((inner = in.getNextEntry()) != null) {
              all.append(inner.getName()).append('\n');
              all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
          }
        }
      }
    }
    return all.toString();
  }

  @Test
  void twoNoCacheBuildsWithSourceDateEpochGiveOneDigest() throws IOException {
    Files.writeString(context.resolve("data.txt"), "data\n");
    String df =
        "FROM busybox-it:1 AS build\n"
            + "RUN mkdir -p /out && echo built > /out/a && date > /out/when\n"
            + "FROM busybox-it:1\n"
            + "WORKDIR /app\n"
            + "COPY data.txt .\n"
            + "COPY --from=build /out/a /app/a\n"
            + "RUN echo run >> /app/a\n";
    String first =
        build(df, "-q", "--no-cache", "--build-arg", "SOURCE_DATE_EPOCH=1700000000")
            .ok()
            .out()
            .trim();
    Files.setLastModifiedTime(context.resolve("data.txt"), FileTime.from(Instant.now()));
    String second =
        build(
                df,
                "-q",
                "--no-cache",
                "-t",
                "repro:1",
                "--build-arg",
                "SOURCE_DATE_EPOCH=1700000000")
            .ok()
            .out()
            .trim();
    assertThat(second).isEqualTo(first);
    JsonNode config =
        JSON.readTree(berth.run("inspect", "repro:1").ok().out()).get(0).get("ImageConfig");
    assertThat(config.get("created").asText()).isEqualTo("2023-11-14T22:13:20Z");
  }

  @Test
  void explainCacheNamesTheChangedFileAndArg() throws IOException {
    Files.createDirectories(context.resolve("src"));
    Files.writeString(context.resolve("src/a.py"), "print('a')\n");
    Files.writeString(context.resolve("src/b.py"), "print('b')\n");
    String df = "FROM busybox-it:1\nARG LEVEL=1\nCOPY src/ /app/\nRUN echo $LEVEL > /level\n";
    build(df, "-q").ok();
    Files.writeString(context.resolve("src/b.py"), "print('B')\n");
    Berth.Result r = build(df, "--progress", "plain", "--explain-cache").ok();
    assertThat(r.err())
        .containsPattern(
            "cache miss: its sources changed: src/b.py changed: sha256:[0-9a-f]{64} mode 644 ->"
                + " sha256:[0-9a-f]{64}");
    assertThat(r.err()).doesNotContain("a.py changed");
    Berth.Result arg =
        build(df, "--progress", "plain", "--explain-cache", "--build-arg", "LEVEL=2").ok();
    assertThat(arg.err()).contains("cache miss: build args or env in scope changed: LEVEL: 1 -> 2");
  }
}
