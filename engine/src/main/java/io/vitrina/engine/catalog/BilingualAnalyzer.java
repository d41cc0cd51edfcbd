package io.vitrina.engine.catalog;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * English and Russian in one pass: words in Cyrillic get the Russian Snowball stemmer (as {@link
 * RussianAnalyzer} has it), the others the English (Porter2) Snowball stemmer, after both
 * languages' stop words are dropped. One field analyzed once instead of one per language halves
 * what a model swap spends re-indexing the search text of the documents it rewrites.
 */
final class BilingualAnalyzer extends Analyzer {
  private static final CharArraySet STOP_WORDS = stopWords();

  private static CharArraySet stopWords() {
    CharArraySet both = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
    both.addAll(RussianAnalyzer.getDefaultStopSet());
    return CharArraySet.unmodifiableSet(both);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream stream = new LowerCaseFilter(source);
    stream = new EnglishPossessiveFilter(stream);
    stream = new StopFilter(stream, STOP_WORDS);
    return new TokenStreamComponents(source, new ByScriptStemmer(stream));
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }

  /**
   * Stems each word with the Snowball stemmer of its script, in place: one filter rather than two
   * conditional ones, which capture and restore every token's state (measured: most of the cost of
   * the search text in a model swap).
   */
  private static final class ByScriptStemmer extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final SnowballStemmer russian = new RussianStemmer();
    private final SnowballStemmer english = new EnglishStemmer();

    ByScriptStemmer(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) return false;
      if (keyword.isKeyword()) return true;
      SnowballStemmer stemmer = isCyrillic() ? russian : english;
      stemmer.setCurrent(term.buffer(), term.length());
      stemmer.stem();
      term.copyBuffer(stemmer.getCurrentBuffer(), 0, stemmer.getCurrentBufferLength());
      return true;
    }

    private boolean isCyrillic() {
      char[] buffer = term.buffer();
      for (int i = 0; i < term.length(); i++)
        if (buffer[i] >= '\u0400' && buffer[i] <= '\u04FF') return true;
      return false;
    }
  }
}
