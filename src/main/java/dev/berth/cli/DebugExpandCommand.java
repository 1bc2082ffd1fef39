package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.ExpandOutcome;
import dev.berth.app.ExpandService;
import dev.berth.diag.BerthException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth debug expand}: expands Dockerfile words as an instruction would see them. */
@Command(
    name = "expand",
    mixinStandardHelpOptions = true,
    header = "Expands Dockerfile words ($VAR, $${VAR:-x}, quotes, escapes) as BuildKit does.",
    description = {
      "Expands each WORD as a Dockerfile word: $VAR and $${VAR...} forms, quotes and escapes, as"
          + " BuildKit does. Prints one JSON value per word: the expanded string, or with --words"
          + " a JSON array of the words it splits into.",
      "",
      "With no WORD, reads JSON lines from standard input, each"
          + " {\"word\": \"...\", \"env\": {\"K\": \"V\"}, \"words\": false} (\"env\","
          + " \"words\" and \"escape\" optional; a line's env adds to --env, null unsets),"
          + " and writes one line"
          + " per input: {\"result\": \"...\"}, {\"words\": [...]} or {\"error\": \"...\"}.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  berth debug expand --env NAME=app '$${NAME:-none}-$${TAG:-latest}'",
      "  berth debug expand --words --env FLAGS='-a -b' 'run \"$FLAGS\" $FLAGS'",
      "  berth debug expand --escape '`' 'C:`\\Users'",
      "  echo '{\"word\": \"$${V:?needs V}\", \"env\": {}}' | berth debug expand",
      "",
      "Exit codes: 0 ok (in stdin mode, errors are reported per line), 2 a word that cannot be"
          + " expanded or bad usage."
    })
final class DebugExpandCommand implements Callable<Integer>, StdinFactory.ReadsStdin {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--words", description = "Split each result into words (JSON arrays).")
  boolean words;

  @Option(
      names = "--escape",
      paramLabel = "C",
      defaultValue = "\\",
      description = "The escape token, \\ or ` (as set by '# escape='). Default: ${DEFAULT-VALUE}")
  String escape;

  @Option(
      names = "--env",
      paramLabel = "K=V",
      description = "A variable to expand with; repeatable. K= sets K to the empty string.")
  List<String> env = new ArrayList<>();

  @Parameters(
      paramLabel = "WORD",
      arity = "0..*",
      description = "The words to expand; put -- before them if one starts with '-'.")
  List<String> wordArgs = new ArrayList<>();

  private InputStream in = InputStream.nullInputStream();
  private final ExpandService service = new ExpandService();
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public void stdin(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    char escapeToken = escapeToken();
    Map<String, String> baseEnv = baseEnv();
    PrintWriter out = spec.commandLine().getOut();
    if (wordArgs.isEmpty()) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      new ExpandJsonLines(service, json, baseEnv, escapeToken, words).run(reader, out);
      return ExitCodes.OK;
    }
    for (String word : wordArgs) {
      ExpandOutcome outcome = service.expand(word, baseEnv, words, escapeToken);
      if (outcome instanceof ExpandOutcome.Failure f) {
        out.flush();
        throw BerthException.invalid(f.message());
      }
      out.println(render(outcome));
      out.flush();
    }
    return ExitCodes.OK;
  }

  private String render(ExpandOutcome outcome) throws JsonProcessingException {
    if (outcome instanceof ExpandOutcome.Value v) {
      return json.writeValueAsString(v.value());
    }
    if (outcome instanceof ExpandOutcome.Words w) {
      return json.writeValueAsString(w.words());
    }
    throw new AssertionError(outcome);
  }

  private char escapeToken() {
    if (escape.length() != 1 || !ExpandService.isEscapeToken(escape.charAt(0))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--escape must be \\ or `, not '" + escape + "'");
    }
    return escape.charAt(0);
  }

  private Map<String, String> baseEnv() {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String kv : env) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--env needs NAME=VALUE, got '" + kv + "'");
      }
      vars.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return vars;
  }
}
