package io.vitrina.engine.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text analyzed ahead of indexing, replayed to the index writer. Analysis is most of what writing
 * a document costs; done this way, a model swap analyzes its documents on every core and still
 * hands them to the writer one by one in a fixed order (documents' order breaks score ties, so it
 * must not depend on threads).
 */
final class PreAnalyzedText extends TokenStream {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

  private final String[] terms;
  private final int[] increments;
  private final int[] starts;
  private final int[] ends;
  private final int count;
  private final int finalOffset;
  private int next;

  private PreAnalyzedText(
      String[] terms, int[] increments, int[] starts, int[] ends, int count, int finalOffset) {
    this.terms = terms;
    this.increments = increments;
    this.starts = starts;
    this.ends = ends;
    this.count = count;
    this.finalOffset = finalOffset;
  }

  /** {@code text} as {@code analyzer} analyzes it for {@code field}, ready to replay. */
  static PreAnalyzedText of(Analyzer analyzer, String field, String text) {
    String[] terms = new String[16];
    int[] increments = new int[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    int n = 0;
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute t = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute p = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute o = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (n == terms.length) {
          terms = Arrays.copyOf(terms, n * 2);
          increments = Arrays.copyOf(increments, n * 2);
          starts = Arrays.copyOf(starts, n * 2);
          ends = Arrays.copyOf(ends, n * 2);
        }
        terms[n] = t.toString();
        increments[n] = p.getPositionIncrement();
        starts[n] = o.startOffset();
        ends[n++] = o.endOffset();
      }
      stream.end();
      return new PreAnalyzedText(terms, increments, starts, ends, n, o.endOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    next = 0;
  }

  @Override
  public boolean incrementToken() {
    if (next == count) return false;
    clearAttributes();
    term.setEmpty().append(terms[next]);
    increment.setPositionIncrement(increments[next]);
    offset.setOffset(starts[next], ends[next]);
    next++;
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    offset.setOffset(finalOffset, finalOffset);
  }
}
