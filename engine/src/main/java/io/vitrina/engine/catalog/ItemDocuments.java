package io.vitrina.engine.catalog;

import static io.vitrina.engine.catalog.ItemFields.*;

import io.vitrina.engine.model.ItemModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;

/**
 * Maps items to Lucene documents and back. Every item field is stored, so that a model swap can
 * rewrite a document from the index alone, without asking the system of record.
 */
final class ItemDocuments {
  /** A control character: '=' and every printable character may occur in attribute names. */
  static final char ATTRIBUTE_SEPARATOR = '\u001F';

  /** FeatureField needs a positive value: items without traffic get this much popularity. */
  static final float MIN_POPULARITY = 1e-3f;

  private ItemDocuments() {}

  /**
   * The document of {@code item} with its demand (see {@link ItemModel}: the only model outputs a
   * query ranks by; the indicators stay in memory, see {@code ReverseIndicators}); its search text
   * is analyzed here, by {@code analyzer}, so that callers may build documents on several threads.
   */
  static Document toDocument(Item item, float popularity, float trend, Analyzer analyzer) {
    Document doc = new Document();
    doc.add(new KeywordField(ID, item.id(), Store.YES));
    // Title and description are searched through the search fields (addSearchText): each text is
    // analyzed once per document write, which model swaps repeat for every item they rewrite.
    doc.add(new StoredField(TITLE, item.title()));
    doc.add(new StoredField(DESCRIPTION, item.description()));
    storeIfPresent(doc, URL, item.url());
    storeIfPresent(doc, IMAGE, item.image());
    for (String category : item.categories())
      doc.add(new KeywordField(CATEGORY, category, Store.YES));
    if (item.brand() != null && !item.brand().isBlank()) {
      doc.add(new KeywordField(BRAND, item.brand(), Store.YES));
    }
    doc.add(new DoublePoint(PRICE, item.price()));
    doc.add(new StoredField(PRICE, item.price()));
    if (item.oldPrice() != null) doc.add(new StoredField(OLD_PRICE, item.oldPrice()));
    if (item.onSale()) doc.add(new StringField(ON_SALE, "1", Store.NO));
    doc.add(new StoredField(STOCK, item.stock()));
    doc.add(new StoredField(AVAILABLE, item.available() ? 1 : 0));
    doc.add(new StringField(IN_STOCK, item.inStock() ? "1" : "0", Store.NO));
    for (String tag : item.tags()) doc.add(new KeywordField(TAG, tag, Store.YES));
    item.attributes()
        .forEach(
            (name, value) -> {
              doc.add(new KeywordField(ATTRIBUTE, attributeTerm(name, value), Store.YES));
              Double number = number(value);
              if (number != null) doc.add(new DoublePoint(numericAttribute(name), number));
            });
    addSearchText(doc, item, analyzer);
    doc.add(new LongField(CREATED_AT, item.createdAt().toEpochMilli(), Store.YES));
    addDemand(doc, popularity, trend);
    return doc;
  }

  private static void addSearchText(Document doc, Item item, Analyzer analyzer) {
    StringBuilder facets = new StringBuilder(item.title());
    if (item.brand() != null) facets.append(' ').append(item.brand());
    for (String category : item.categories()) facets.append(' ').append(category);
    for (String tag : item.tags()) facets.append(' ').append(tag);
    String all = facets + " " + item.description();
    String plain = facets.toString();
    doc.add(new TextField(SEARCH_PLAIN, PreAnalyzedText.of(analyzer, SEARCH_PLAIN, plain)));
    doc.add(new TextField(SEARCH_STEMMED, PreAnalyzedText.of(analyzer, SEARCH_STEMMED, all)));
  }

  private static void addDemand(Document doc, float popularity, float trend) {
    // FeatureField needs a positive value; the floor keeps items without traffic rankable.
    doc.add(new FeatureField(FEATURES, POPULARITY, Math.max(popularity, MIN_POPULARITY)));
    // Only rising items have the feature, so a trend query matches nothing else.
    if (trend >= MIN_POPULARITY) doc.add(new FeatureField(FEATURES, TREND, trend));
  }

  /** An attribute value that is a finite number ("4.5", "120"), or null. */
  private static Double number(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.length() > 32) return null;
    char first = trimmed.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) return null;
    try {
      double number = Double.parseDouble(trimmed);
      return Double.isFinite(number) ? number : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void storeIfPresent(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) doc.add(new StoredField(field, value));
  }

  static Item fromStored(StoredFields storedFields, int docId) throws java.io.IOException {
    return fromStored(storedFields.document(docId));
  }

  static Item fromStored(Document doc) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String pair : doc.getValues(ATTRIBUTE)) {
      int cut = pair.indexOf(ATTRIBUTE_SEPARATOR);
      attributes.put(pair.substring(0, cut), pair.substring(cut + 1));
    }
    IndexableField oldPrice = doc.getField(OLD_PRICE);
    return new Item(
        doc.get(ID),
        doc.get(TITLE),
        doc.get(DESCRIPTION),
        doc.get(URL),
        doc.get(IMAGE),
        List.of(doc.getValues(CATEGORY)),
        doc.get(BRAND),
        doc.getField(PRICE).numericValue().doubleValue(),
        oldPrice == null ? null : oldPrice.numericValue().doubleValue(),
        doc.getField(STOCK).numericValue().intValue(),
        doc.getField(AVAILABLE).numericValue().intValue() == 1,
        List.of(doc.getValues(TAG)),
        attributes,
        Instant.ofEpochMilli(doc.getField(CREATED_AT).numericValue().longValue()));
  }
}
