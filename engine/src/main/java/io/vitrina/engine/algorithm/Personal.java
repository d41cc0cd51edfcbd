package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.profile.ProfileView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * #21 {@code personal}: the shopper's history as a query against the items' indicator fields
 * (correlated cross-occurrence, the search-engine way). Recent views hit {@code ind_view},
 * purchases and the cart hit {@code ind_buy}; newer history weighs more; popularity breaks ties.
 * Items already bought, in the cart, or just viewed are not proposed again (other blocks show
 * those). With no history, or too few matches, the popular fallback fills the block.
 */
public final class Personal implements Algorithm {
  public static final String NAME = "personal";
  /** History terms are bounded: popular items have long postings, and old history says little. */
  static final int MAX_VIEW_TERMS = 20;
  static final int MAX_BUY_TERMS = 10;
  static final int MAX_CART_TERMS = 10;
  private static final float RECENCY_DECAY = 0.93f;
  private static final float POPULARITY_WEIGHT = 0.3f;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Personal recommendations: the shopper's views, cart and purchases as a query against co-occurrence indicators";
  }

  @Override
  public List<Candidate> recommend(AlgorithmContext context, int limit) {
    ProfileView profile = context.profile();
    List<String> views = head(profile.recentViews(), MAX_VIEW_TERMS);
    List<String> bought = head(profile.purchases(), MAX_BUY_TERMS);
    List<String> cart = head(cartOf(context), MAX_CART_TERMS);
    if (views.isEmpty() && bought.isEmpty() && cart.isEmpty()) return List.of();

    BooleanQuery.Builder history = new BooleanQuery.Builder();
    addTerms(history, ItemFields.IND_VIEW, views, 1f);
    addTerms(history, ItemFields.IND_BUY, bought, 1.5f);
    addTerms(history, ItemFields.IND_BUY, cart, 1.5f);
    addTerms(history, ItemFields.IND_VIEW, cart, 1.2f);
    // Popularity is one more SHOULD clause of the same disjunction (which Rules wraps in a MUST):
    // measured on 100k items it lets dynamic pruning skip all but ~1.2k documents, where
    // MUST(history) + SHOULD(popularity) scored ~55k. Its weight is below one history match, so
    // history ranks first and popularity fills the rest of a thin block in the same query.
    history.add(FeatureField.newSaturationQuery(ItemFields.FEATURES, ItemFields.POPULARITY, POPULARITY_WEIGHT, 1f), Occur.SHOULD);
    Query query = history.build();
    // What the shopper already has or just saw stays out of this block, fallbacks included.
    views.forEach(context::exclude);
    bought.forEach(context::exclude);
    cart.forEach(context::exclude);
    return context.search(query, limit, item -> explain(context, item, views, bought, cart));
  }

  private static List<String> cartOf(AlgorithmContext context) {
    Set<String> cart = new LinkedHashSet<>(context.request().cart());
    cart.addAll(context.profile().cart());
    return new ArrayList<>(cart);
  }

  private static void addTerms(BooleanQuery.Builder query, String field, List<String> ids, float weight) {
    float boost = weight;
    for (String id : ids) {
      query.add(new BoostQuery(new TermQuery(new Term(field, id)), boost), Occur.SHOULD);
      boost *= RECENCY_DECAY;
    }
  }

  /** Names the most recent history item that made this one a match. */
  private static String explain(AlgorithmContext context, Item item, List<String> views, List<String> bought, List<String> cart) {
    for (String id : cart) {
      if (context.model().buyIndicator(item.id(), id) != null) return "often bought with " + context.titleOf(id) + " in your cart";
    }
    for (String id : cart) {
      if (context.model().viewIndicator(item.id(), id) != null) {
        return "shoppers who looked at " + context.titleOf(id) + " in your cart also looked at this";
      }
    }
    for (String id : bought) {
      Indicator indicator = context.model().buyIndicator(item.id(), id);
      if (indicator != null) return "because you bought " + context.titleOf(id);
    }
    for (String id : views) {
      if (context.model().viewIndicator(item.id(), id) != null) return "because you viewed " + context.titleOf(id);
    }
    return "popular right now";
  }

  private static List<String> head(List<String> list, int max) {
    return list.size() <= max ? list : list.subList(0, max);
  }
}
