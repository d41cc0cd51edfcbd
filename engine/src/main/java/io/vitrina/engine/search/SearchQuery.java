package io.vitrina.engine.search;

import io.vitrina.engine.catalog.ItemFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * What a shopper's search text becomes: per word, the best of its stem (Russian for Cyrillic,
 * English otherwise), the word itself in the title, brand, categories and tags, and (for words of
 * four letters or more) the words within one or two typos of it there. Strict queries need every
 * word (all but one from three words on); relaxed ones any word, for when strict finds nothing.
 */
public final class SearchQuery {
  public static final int MAX_LENGTH = 200;
  private static final int MAX_WORDS = 12;

  private SearchQuery() {}

  /** The query of {@code text}; empty when it holds no searchable word. */
  public static Optional<Query> parse(String text, Analyzer analyzer, boolean strict) {
    List<String> words = tokens(analyzer, ItemFields.SEARCH_PLAIN, text);
    if (words.size() > MAX_WORDS) words = words.subList(0, MAX_WORDS);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int clauses = 0;
    for (String word : words) {
      List<Query> ways = new ArrayList<>();
      ways.add(new BoostQuery(new TermQuery(new Term(ItemFields.SEARCH_PLAIN, word)), 1.5f));
      stem(analyzer, ItemFields.SEARCH_STEMMED, word)
          .ifPresent(s -> ways.add(new TermQuery(new Term(ItemFields.SEARCH_STEMMED, s))));
      int edits = Spelling.allowedEdits(word.length());
      if (edits > 0) {
        ways.add(
            new BoostQuery(
                new FuzzyQuery(new Term(ItemFields.SEARCH_PLAIN, word), edits, 1), 0.5f));
      }
      query.add(new DisjunctionMaxQuery(ways, 0.1f), Occur.SHOULD);
      clauses++;
    }
    if (clauses == 0) return Optional.empty();
    query.setMinimumNumberShouldMatch(strict ? (clauses <= 2 ? clauses : clauses - 1) : 1);
    return Optional.of(query.build());
  }

  /** The word as the field's analyzer indexes it; empty for a stop word. */
  private static Optional<String> stem(Analyzer analyzer, String field, String word) {
    List<String> out = tokens(analyzer, field, word);
    return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0));
  }

  private static List<String> tokens(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) out.add(term.toString());
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
