package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * What a shopper's profile costs on the heap, measured as the heap after full collections with and
 * without the profiles (no agent needed): the figure README.md gives beside {@code --max-profiles},
 * and the one the service plans its profile bound with.
 */
class ProfileMemoryTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final int ITEMS = 3_000;

  /** A catalog of a small store: two-level categories, 50 brands, 20 tags. */
  private final Map<String, ItemFacets> catalog = new HashMap<>();

  ProfileMemoryTest() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < ITEMS; i++) {
      String root = "Department " + (i % 8);
      catalog.put(
          item(i),
          ItemFacets.of(
              List.of(root, root + " / Shelf " + (i % 40)),
              "Brand " + (i % 50),
              5 + random.nextInt(500),
              List.of("tag-" + (i % 20), "tag-" + (i % 7))));
    }
  }

  private static String item(int i) {
    return String.format("sku-%05d", i);
  }

  /**
   * The shopper of the load (about 21 events): three lists seen, a dozen views of eight
   * items of two departments, a search, two carts and a purchase.
   */
  private static List<Event> typicalShopper(int shopper, SplittableRandom random) {
    String visitor = "visitor-" + shopper + "-4f1c2a9e";
    List<Event> events = new ArrayList<>();
    Instant at = T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)));
    int department = random.nextInt(8);
    List<EventItem> viewed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // Items i with i % 8 == department belong to it (see the catalog).
      int of = (department + i % 2) % 8;
      viewed.add(EventItem.of(item(of + 8 * random.nextInt(ITEMS / 8))));
    }
    for (int list = 0; list < 3; list++) {
      List<EventItem> shown = new ArrayList<>();
      for (int i = 0; i < 8; i++) shown.add(EventItem.of(item(random.nextInt(ITEMS))));
      events.add(event(EventType.VIEW_ITEM_LIST, visitor, shown, null, at));
      at = at.plusSeconds(30);
    }
    for (int view = 0; view < 12; view++) {
      EventType type = view % 6 == 5 ? EventType.SELECT_ITEM : EventType.VIEW_ITEM;
      events.add(event(type, visitor, List.of(viewed.get(view % 8)), null, at));
      at = at.plusSeconds(40);
    }
    events.add(event(EventType.SEARCH, visitor, List.of(), "winter jacket", at));
    events.add(event(EventType.ADD_TO_CART, visitor, List.of(viewed.get(1)), null, at));
    events.add(event(EventType.ADD_TO_CART, visitor, List.of(viewed.get(2)), null, at));
    events.add(event(EventType.PURCHASE, visitor, List.of(viewed.get(1)), null, at.plusSeconds(9)));
    events.add(event(EventType.PAGE_VIEW, visitor, List.of(), null, at.plusSeconds(20)));
    events.add(event(EventType.PAGE_VIEW, visitor, List.of(), null, at.plusSeconds(30)));
    return events;
  }

  /** A shopper at every bound: the longest history a profile keeps. */
  private static List<Event> longestHistory(int shopper, SplittableRandom random) {
    String customer = "customer-" + shopper;
    List<Event> events = new ArrayList<>();
    Instant at = T0;
    for (int i = 0; i < Profile.MAX_SEEN; i++) {
      EventType type = i % 5 == 0 ? EventType.PURCHASE : EventType.VIEW_ITEM;
      events.add(
          event(type, customer, List.of(EventItem.of(item(random.nextInt(ITEMS)))), null, at));
      at = at.plusSeconds(600);
    }
    for (int list = 0; list < Profile.MAX_UNCLICKED / 10; list++) {
      List<EventItem> shown = new ArrayList<>();
      for (int i = 0; i < 10; i++) shown.add(EventItem.of(item(random.nextInt(ITEMS))));
      events.add(event(EventType.VIEW_ITEM_LIST, customer, shown, null, at));
    }
    for (int i = 0; i < Profile.MAX_SEARCHES; i++)
      events.add(event(EventType.SEARCH, customer, List.of(), "search number " + i, at));
    return events;
  }

  private static Event event(
      EventType type, String shopper, List<EventItem> items, String query, Instant at) {
    boolean customer = shopper.startsWith("customer-");
    return new Event(
        type, customer ? null : shopper, customer ? shopper : null, items, query, null, null, at);
  }

  @Test
  void aTypicalShopperCostsAboutAKilobyte() throws InterruptedException {
    long bytes = bytesPerShopper(20_000, shopper -> typicalShopper(shopper, random(shopper)));
    System.out.printf("profile of a typical shopper (21 events): %d bytes%n", bytes);
    assertTrue(bytes < 1_500, "a typical shopper's profile takes " + bytes + " bytes");
  }

  @Test
  void aProfileAtEveryBoundStaysUnderElevenKilobytes() throws InterruptedException {
    long bytes = bytesPerShopper(1_000, shopper -> longestHistory(shopper, random(shopper)));
    System.out.printf("profile at every bound: %d bytes%n", bytes);
    assertTrue(bytes < 11_000, "a profile at every bound takes " + bytes + " bytes");
  }

  private static SplittableRandom random(int shopper) {
    return new SplittableRandom(shopper * 31L + 1);
  }

  /**
   * The heap {@code shoppers} profiles take, per shopper, in a store whose changes the profile
   * index has written down (as the service's does, every second).
   */
  private long bytesPerShopper(int shoppers, IntFunction<List<Event>> history)
      throws InterruptedException {
    ProfileStore store = new ProfileStore(catalog::get, ProfileStore.AFFINITY_HALF_LIFE);
    long before = heapAfterFullCollections();
    for (int shopper = 0; shopper < shoppers; shopper++)
      for (Event event : history.apply(shopper)) store.apply(event);
    store.drainChanged(Integer.MAX_VALUE);
    long after = heapAfterFullCollections();
    Reference.reachabilityFence(store);
    return (after - before) / shoppers;
  }

  static long heapAfterFullCollections() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // Until a collection frees nothing more: finalizable and soft garbage can take a few rounds.
    for (int round = 0; round < 10; round++) {
      System.gc();
      Thread.sleep(20);
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used - 1024) return now;
      used = now;
    }
    return used;
  }
}
