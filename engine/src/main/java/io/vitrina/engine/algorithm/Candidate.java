package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;

/** An item an algorithm proposes, with its score and a reason a marketer can read. */
public record Candidate(Item item, double score, String explanation) {}
