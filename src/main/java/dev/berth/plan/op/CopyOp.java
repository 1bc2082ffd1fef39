package dev.berth.plan.op;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * COPY or ADD: files from the context, a stage or an image into the stage's file system.
 *
 * @param add true for ADD (URLs, local tars unpacked)
 * @param user the USER in force, whose passwd and group files resolve {@code chown}
 */
public record CopyOp(
    boolean add,
    CopySource source,
    List<String> sources,
    List<InlineFile> inline,
    String destination,
    String workdir,
    Optional<String> chown,
    Optional<String> chmod,
    boolean link,
    boolean parents,
    List<String> excludes,
    Optional<String> checksum,
    boolean keepGitDir)
    implements Op {

  public CopyOp {
    Objects.requireNonNull(source, "source");
    sources = List.copyOf(sources);
    inline = List.copyOf(inline);
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(chown, "chown");
    Objects.requireNonNull(chmod, "chmod");
    excludes = List.copyOf(excludes);
    Objects.requireNonNull(checksum, "checksum");
  }

  @Override
  public String cacheText() {
    StringBuilder sb = new StringBuilder(add ? "ADD" : "COPY");
    sb.append("\0from\0").append(source).append("\0src\0").append(String.join("\0", sources));
    for (InlineFile f : inline) {
      sb.append("\0inline\0").append(f.name()).append('\0').append(f.content());
    }
    sb.append("\0dest\0").append(destination).append("\0wd\0").append(workdir);
    sb.append("\0chown\0").append(chown.orElse("")).append("\0chmod\0").append(chmod.orElse(""));
    sb.append("\0link\0").append(link).append("\0parents\0").append(parents);
    sb.append("\0exclude\0").append(String.join("\0", excludes));
    sb.append("\0checksum\0").append(checksum.orElse("")).append("\0git\0").append(keepGitDir);
    return sb.toString();
  }
}
