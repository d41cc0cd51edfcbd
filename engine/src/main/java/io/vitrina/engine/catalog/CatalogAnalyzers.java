package io.vitrina.engine.catalog;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The catalog index's analyzers: the same searchable text is indexed three times, stemmed for
 * English, stemmed for Russian (each stemmer leaves the other alphabet's words alone), and plain
 * for exact and fuzzy matching. Every other text field uses the standard analyzer.
 */
final class CatalogAnalyzers {
  private CatalogAnalyzers() {}

  static Analyzer create() {
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(
            ItemFields.SEARCH_EN, new EnglishAnalyzer(),
            ItemFields.SEARCH_RU, new RussianAnalyzer()));
  }
}
