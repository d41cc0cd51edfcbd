package io.vitrina.engine.catalog;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The catalog index's analyzers: the searchable text is indexed stemmed (English and Russian, by
 * {@link BilingualAnalyzer}) and plain for exact and fuzzy matching. Every other text field uses
 * the standard analyzer.
 */
final class CatalogAnalyzers {
  private CatalogAnalyzers() {}

  static Analyzer create() {
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(), Map.of(ItemFields.SEARCH_STEMMED, new BilingualAnalyzer()));
  }
}
