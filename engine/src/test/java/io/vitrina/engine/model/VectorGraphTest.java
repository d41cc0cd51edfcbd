package io.vitrina.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorGraphTest {
  private static final int DIMENSIONS = 16;
  private static final int COUNT = 3_000;

  private final float[] flat = randomVectors(COUNT, new Random(7));
  private final VectorGraph graph = VectorGraph.build(flat, DIMENSIONS, COUNT);

  @Test
  void searchedFourTimesDeeperFindsMostOfTheTrueTenNearest() {
    Random random = new Random(11);
    int found = 0;
    int queries = 50;
    for (int q = 0; q < queries; q++) {
      float[] target = randomVectors(1, random);
      Set<Integer> truth = new HashSet<>();
      for (int i : exactNearest(target, 10)) truth.add(i);
      for (int i : Arrays.copyOf(graph.nearest(target, 40, i -> true), 10))
        if (truth.contains(i)) found++;
    }
    double recall = found / (10.0 * queries);
    assertTrue(recall >= 0.9, "recall@10 " + recall);
  }

  @Test
  void returnsBestFirst() {
    float[] target = randomVectors(1, new Random(3));
    int[] nearest = graph.nearest(target, 20, i -> true);
    assertEquals(20, nearest.length);
    for (int k = 1; k < nearest.length; k++)
      assertTrue(dot(target, nearest[k - 1]) >= dot(target, nearest[k]));
  }

  @Test
  void leavesOutWhatTheFilterRejects() {
    float[] target = randomVectors(1, new Random(5));
    int[] unfiltered = graph.nearest(target, 10, i -> true);
    Set<Integer> rejected = new HashSet<>();
    for (int i : unfiltered) rejected.add(i);
    int[] filtered = graph.nearest(target, 10, i -> !rejected.contains(i));
    assertEquals(10, filtered.length);
    for (int i : filtered) assertFalse(rejected.contains(i), "returned rejected vector " + i);
  }

  private int[] exactNearest(float[] target, int n) {
    return IntStream.range(0, COUNT)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> dot(target, i)).reversed())
        .limit(n)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private float dot(float[] target, int i) {
    float sum = 0;
    for (int f = 0; f < DIMENSIONS; f++) sum += target[f] * flat[i * DIMENSIONS + f];
    return sum;
  }

  private static float[] randomVectors(int count, Random random) {
    float[] out = new float[count * DIMENSIONS];
    for (int i = 0; i < out.length; i++) out[i] = (float) random.nextGaussian();
    return out;
  }
}
