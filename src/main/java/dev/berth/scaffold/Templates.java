package dev.berth.scaffold;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The templates {@code berth init} renders, resources of the jar in {@code dev/berth/scaffold/}.
 * Mustache without HTML escaping (the files are not HTML) and without defaults, so that a name the
 * model lacks fails instead of writing an empty string.
 */
final class Templates {

  private static final String DIR = "/dev/berth/scaffold/";

  private final Mustache.Compiler compiler =
      Mustache.compiler().escapeHTML(false).withLoader(Templates::open);

  /**
   * Renders {@code name} ({@code Dockerfile-pip}, without {@code .mustache}) over {@code model}.
   */
  String render(String name, Map<String, Object> model) {
    try (Reader r = open(name)) {
      Template t = compiler.compile(r);
      return t.execute(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader open(String name) {
    InputStream in = Templates.class.getResourceAsStream(DIR + name + ".mustache");
    if (in == null) {
      // A template that is not in the jar is a build error of berth's, never bad input.
      throw new IllegalStateException("berth init's template " + name + " is missing");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** For tests: renders template text given inline. */
  String renderText(String text, Map<String, Object> model) {
    return compiler.compile(new StringReader(text)).execute(model);
  }
}
