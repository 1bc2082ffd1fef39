package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import java.util.List;

/** Expands Dockerfile words with the variables in scope; errors name the instruction's place. */
public interface WordExpander {

  /** One word: quotes removed, variables replaced. */
  String word(String word) throws BerthException;

  /** A word that may expand into several (split where BuildKit splits words). */
  List<String> words(String word) throws BerthException;

  /** The body of a here-document that COPY or ADD writes: variables replaced, quotes kept. */
  String heredoc(String content) throws BerthException;
}
