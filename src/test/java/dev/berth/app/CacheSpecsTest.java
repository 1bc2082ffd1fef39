package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.ImageReference;
import dev.berth.image.LayerCompression;
import dev.berth.image.MediaType.Compression;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheSpecsTest {

  @Test
  void registryAndLocalSourcesAndAPlainReference() throws Exception {
    assertThat(CacheSpecs.from("type=registry,ref=localhost:5000/app:cache", "--cache-from"))
        .isEqualTo(new CacheRef.Registry(ImageReference.parse("localhost:5000/app:cache")));
    assertThat(CacheSpecs.from("localhost:5000/app:cache", "--cache-from"))
        .isEqualTo(new CacheRef.Registry(ImageReference.parse("localhost:5000/app:cache")));
    assertThat(CacheSpecs.from("type=local,src=/tmp/c", "--cache-from"))
        .isEqualTo(new CacheRef.Local(Path.of("/tmp/c")));
  }

  @Test
  void exportsDefaultToMinAndTakeMaxAndIgnoreError() throws Exception {
    assertThat(CacheSpecs.to("type=registry,ref=r.example/a:c", "--cache-to"))
        .isEqualTo(
            new CacheTo(
                new CacheRef.Registry(ImageReference.parse("r.example/a:c")), false, false));
    assertThat(
            CacheSpecs.to(
                "type=registry,ref=r.example/a:c,mode=max,ignore-error=true,image-manifest=true",
                "--cache-to"))
        .isEqualTo(
            new CacheTo(new CacheRef.Registry(ImageReference.parse("r.example/a:c")), true, true));
    assertThat(CacheSpecs.to("type=local,dest=out,mode=max", "--cache-to"))
        .isEqualTo(new CacheTo(new CacheRef.Local(Path.of("out")), true, false));
  }

  @Test
  void exportsTakeBuildKitsCompressionKeys() throws Exception {
    CacheTo zstd =
        CacheSpecs.to("type=local,dest=out,compression=zstd,compression-level=5", "--cache-to");
    assertThat(zstd.compression())
        .isEqualTo(new LayerCompression(Compression.ZSTD, OptionalInt.of(5), false));
    assertThat(
            CacheSpecs.to("type=registry,ref=r.example/a:c,force-compression=true", "--cache-to")
                .compression()
                .forced())
        .isTrue();
    assertThat(CacheSpecs.to("type=local,dest=out", "--cache-to").compression())
        .isEqualTo(LayerCompression.DEFAULT);
    BerthException bad =
        catchThrowableOfType(
            () -> CacheSpecs.to("type=local,dest=out,compression=lz4", "--cache-to"),
            BerthException.class);
    assertThat(bad.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(bad.getMessage())
        .isEqualTo(
            "--cache-to 'type=local,dest=out,compression=lz4': unknown compression 'lz4'"
                + " (expected gzip, zstd or uncompressed)");
    assertThat(
            catchThrowableOfType(
                    () -> CacheSpecs.to("type=local,dest=out,compression-level=high", "--cache-to"),
                    BerthException.class)
                .getMessage())
        .contains("compression-level must be a whole number, not 'high'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "type=gha|cache type 'gha' is not supported",
        "type=registry|type=registry needs ref=",
        "type=local,dest=x|unknown key 'dest' for type=local (it takes src)",
        "type=registry,ref=a,mode=max|unknown key 'mode'",
        "ref=a|type is missing",
        "type=registry,ref=UPPER:x|UPPER",
        "type=local,src=a,src=b|src is given twice",
      })
  void badSourcesAreBadInputNamingTheValue(String spec, String message) {
    BerthException e =
        catchThrowableOfType(() -> CacheSpecs.from(spec, "--cache-from"), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).startsWith("--cache-from '" + spec + "'").contains(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "type=registry,ref=a,mode=all|mode must be min or max, not 'all'",
        "type=local,src=x|unknown key 'src'",
        "type=local|type=local needs dest=",
        "type=registry,ref=a,ignore-error=yes|ignore-error must be true or false",
        "type=registry,ref=a,image-manifest=false|image-manifest=false is not supported",
        "type=inline|cache type 'inline' is not supported",
      })
  void badExportsAreBadInputNamingTheValue(String spec, String message) {
    BerthException e =
        catchThrowableOfType(() -> CacheSpecs.to(spec, "--cache-to"), BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).startsWith("--cache-to '" + spec + "'").contains(message);
  }
}
