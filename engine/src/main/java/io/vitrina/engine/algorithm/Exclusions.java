package io.vitrina.engine.algorithm;

import io.vitrina.engine.profile.SeenItems;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a request has excluded (see {@link CatalogView#excluded}): ids added one by one, and a
 * shopper's seen items kept as the profile gave them, asked rather than copied (hundreds of ids, of
 * which a request checks a few dozen candidates).
 */
final class Exclusions extends AbstractSet<String> {
  private final Set<String> ids = new LinkedHashSet<>();
  private final List<SeenItems> seen = new ArrayList<>(1);

  @Override
  public boolean add(String id) {
    return !containsSeen(id) && ids.add(id);
  }

  /**
   * Adds a profile's seen items; the same list again (a fallback's) is not asked twice. Compared by
   * identity: a list's {@code equals} would compare every id.
   */
  void addSeen(SeenItems items) {
    if (items.isEmpty()) return;
    for (SeenItems known : seen) if (known == items) return;
    seen.add(items);
  }

  @Override
  public boolean contains(Object o) {
    return ids.contains(o) || containsSeen(o);
  }

  private boolean containsSeen(Object o) {
    for (SeenItems items : seen) if (items.contains(o)) return true;
    return false;
  }

  /** At least {@link #size}, without counting what the lists have in common. */
  int atMost() {
    int n = ids.size();
    for (SeenItems items : seen) n += items.size();
    return n;
  }

  @Override
  public int size() {
    int n = 0;
    for (Iterator<String> it = iterator(); it.hasNext(); it.next()) n++;
    return n;
  }

  /** The ids added one by one, then each seen list's not in an earlier one. */
  @Override
  public Iterator<String> iterator() {
    List<String> all = new ArrayList<>(ids);
    for (int k = 0; k < seen.size(); k++)
      for (String id : seen.get(k)) if (!ids.contains(id) && !inFirst(k, id)) all.add(id);
    return all.iterator();
  }

  private boolean inFirst(int lists, String id) {
    for (int k = 0; k < lists; k++) if (seen.get(k).contains(id)) return true;
    return false;
  }
}
