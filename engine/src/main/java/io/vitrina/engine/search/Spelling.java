package io.vitrina.engine.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How far a word may be from another and still be taken for it: the typo rule of catalog search,
 * also used to name what a request most likely meant when it names something that does not exist (a
 * field, a parameter, a category).
 */
public final class Spelling {
  private Spelling() {}

  /**
   * Edits (insertions, deletions, substitutions, transpositions) a word of {@code length}
   * characters may be from another: none below four letters, one from four, two from eight.
   */
  public static int allowedEdits(int length) {
    return length < 4 ? 0 : length < 8 ? 1 : 2;
  }

  /**
   * Up to {@code max} of {@code known} within {@link #allowedEdits} of {@code asked}, nearest first
   * (ties in the order given), compared without regard to case; empty when none is that close.
   */
  public static List<String> nearest(String asked, Collection<String> known, int max) {
    String folded = asked.toLowerCase(Locale.ROOT);
    int allowed = allowedEdits(folded.length());
    record Near(String name, int edits) {}
    List<Near> near = new ArrayList<>();
    for (String name : known) {
      int edits = distance(folded, name.toLowerCase(Locale.ROOT), allowed);
      if (edits <= allowed && !name.equals(asked)) near.add(new Near(name, edits));
    }
    near.sort(Comparator.comparingInt(Near::edits)); // stable: ties keep the given order
    return near.stream().limit(max).map(Near::name).toList();
  }

  /**
   * The optimal-string-alignment distance of two words (Levenshtein with adjacent transpositions,
   * as Lucene's fuzzy queries count), or {@code bound + 1} once it is known to exceed {@code
   * bound}.
   */
  static int distance(String a, String b, int bound) {
    if (Math.abs(a.length() - b.length()) > bound) return bound + 1;
    int[] before = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) d = Math.min(d, before[j - 2] + 1);
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > bound) return bound + 1;
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return Math.min(previous[b.length()], bound + 1);
  }
}
