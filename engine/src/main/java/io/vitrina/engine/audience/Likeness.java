package io.vitrina.engine.audience;

/** What makes two shoppers alike. */
public enum Likeness {
  /** Their affinities: a dot product over categories, brands, price bands and tags. */
  AFFINITY,
  /** Their vectors in the factor model: what they interacted with, by collaborative filtering. */
  VECTOR
}
