package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.ShopperKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Profiles of all shoppers, in memory, updated as events are accepted. The events in PostgreSQL are
 * the system of record: at start the store is rebuilt by replaying them.
 *
 * <p>Identity: an anonymous visitor has a profile under its visitor id. The first event that names
 * both the visitor and a customer (an {@code identify}, or any event carrying both) stitches them:
 * the visitor's history moves into the customer's profile and the visitor id becomes an alias, so
 * the history follows the shopper after login and across devices.
 *
 * <p>Affinities: each viewed, carted or bought item's facets (categories, brand, price band, tags)
 * are looked up in the catalog as the event is applied and counted into the shopper's decayed
 * {@link AffinityVector}. A line whose item the catalog does not have yet waits for it, and counts
 * when {@link #itemsArrived} says it came.
 */
public final class ProfileStore {
  /** How fast affinities decay: interest of three months ago counts half. */
  public static final Duration AFFINITY_HALF_LIFE = Duration.ofDays(90);

  private final ConcurrentHashMap<String, Profile> profiles = new ConcurrentHashMap<>();

  /** Keys whose profile changed (or went) since the last {@link #drainChanged}. */
  private final Set<String> changed = ConcurrentHashMap.newKeySet();

  private final Function<String, ItemFacets> catalog;
  private final Duration affinityHalfLife;

  /**
   * One instance of each facet name (categories, brands, bands, tags: thousands at most), which
   * every profile counting it refers to.
   */
  private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

  private final UnaryOperator<String> canonical = this::canonical;

  /** Lines whose item the catalog lacked, until it arrives. */
  private final AwaitedItems awaited = new AwaitedItems();

  /** The int of each item id events named, shared by every profile. */
  private final ItemIds itemIds = new ItemIds();

  /** Profiles without affinities (no catalog to read the facets from). */
  public ProfileStore() {
    this(id -> null, AFFINITY_HALF_LIFE);
  }

  /**
   * @param catalog the facets of the item of an id, or null when the catalog does not have it
   */
  public ProfileStore(Function<String, ItemFacets> catalog, Duration affinityHalfLife) {
    this.catalog = catalog;
    this.affinityHalfLife = affinityHalfLife;
  }

  private String canonical(String name) {
    String known = names.putIfAbsent(name, name);
    return known == null ? name : known;
  }

  private Profile newProfile() {
    return new Profile(itemIds, affinityHalfLife, canonical);
  }

  /** visitor key to customer key, once stitched. */
  private final ConcurrentHashMap<String, String> aliases = new ConcurrentHashMap<>();

  /**
   * The choices of the shoppers who made one, by profile key: apart from the profiles, so that no
   * eviction of an idle profile forgets a refusal.
   */
  private final ConcurrentHashMap<String, Consent> consents = new ConcurrentHashMap<>();

  public void apply(Event event) {
    if (event.type().internal()) return; // the service's own record, not the shopper's doing
    String key = resolve(event.visitorId(), event.customerId());
    if (event.visitorId() != null && key != null && key.startsWith("c:"))
      stitch(event.visitorId(), key);
    if (event.type() == EventType.IDENTIFY) return;
    if (event.type() == EventType.CONSENT) {
      consents.merge(key, Consent.of(event), Consent::merged);
      return;
    }
    // Applied inside compute: an eviction of this key waits for it, so no event lands in a
    // profile that was just dropped.
    profiles.compute(
        key,
        (k, profile) -> {
          Profile target = profile == null ? newProfile() : profile;
          target.apply(
              event,
              catalog,
              (id, weight, at) ->
                  awaited.awaitOrFind(id, new AwaitedItems.Line(k, weight, at), catalog));
          return target;
        });
    if (changesIndexedState(event)) changed.add(key);
  }

  /**
   * Counts the affinities of the lines that named {@code ids} before the catalog had them, now that
   * it has, exactly as applying their events would have; each line once. Nothing for a shopper
   * whose profile went meanwhile.
   *
   * @return the lines counted
   */
  public int itemsArrived(Collection<String> ids) {
    int counted = 0;
    for (String id : ids) {
      List<AwaitedItems.Line> lines = awaited.take(id);
      if (lines.isEmpty()) continue;
      ItemFacets item = catalog.apply(id);
      if (item == null) continue; // gone again already
      for (AwaitedItems.Line line : lines) {
        String key = aliases.getOrDefault(line.profileKey(), line.profileKey());
        Profile profile = profiles.get(key);
        if (profile == null) continue;
        profile.countArrived(item, line.weight(), line.at());
        changed.add(key);
        counted++;
      }
    }
    return counted;
  }

  /** Lines waiting for items the catalog does not have yet. */
  public int awaitedLines() {
    return awaited.size();
  }

  /** Lines not kept, because too many waited, since start. */
  public long awaitedLinesDropped() {
    return awaited.dropped();
  }

  /**
   * Whether the event may change what the profile index holds (affinities, the vector's history,
   * the region): impressions and searches alone do not, and they are most of the traffic.
   */
  private static boolean changesIndexedState(Event event) {
    return event.region() != null
        || switch (event.type()) {
          case VIEW_ITEM, SELECT_ITEM, ADD_TO_CART, REMOVE_FROM_CART, PURCHASE -> true;
          default -> false;
        };
  }

  private void stitch(String visitorId, String customerKey) {
    String visitorKey = ShopperKeys.visitor(visitorId);
    if (aliases.putIfAbsent(visitorKey, customerKey) != null) return;
    Consent given = consents.remove(visitorKey);
    if (given != null) consents.merge(customerKey, given, Consent::merged);
    Profile anonymous = profiles.remove(visitorKey);
    if (anonymous == null) return;
    changed.add(visitorKey);
    profiles.compute(
        customerKey,
        (k, profile) -> {
          Profile target = profile == null ? newProfile() : profile;
          target.absorb(anonymous);
          return target;
        });
    changed.add(customerKey);
  }

  /** The profile key for a request or event that names a visitor, a customer, or both. */
  public String resolve(String visitorId, String customerId) {
    if (customerId != null && !customerId.isBlank()) return ShopperKeys.customer(customerId);
    if (visitorId == null || visitorId.isBlank()) return null;
    String visitorKey = ShopperKeys.visitor(visitorId);
    return aliases.getOrDefault(visitorKey, visitorKey);
  }

  /** The shopper's profile, or the empty one for a shopper never seen. */
  public ProfileView view(String visitorId, String customerId) {
    Profile profile = find(visitorId, customerId);
    return profile == null ? ProfileView.EMPTY : profile.view();
  }

  /** The profile under a key, if it is kept. */
  public Optional<ProfileView> viewOf(String key) {
    Profile profile = profiles.get(key);
    return profile == null ? Optional.empty() : Optional.of(profile.view());
  }

  /** The profile under a key with its activity, if it is kept. */
  public Optional<KeptProfile> kept(String key) {
    Profile profile = profiles.get(key);
    return profile == null ? Optional.empty() : Optional.of(kept(key, profile));
  }

  /** Whether a profile is kept under {@code key}. */
  public boolean isKept(String key) {
    return profiles.containsKey(key);
  }

  /** Calls {@code each} with every kept profile: a scan, each profile copied as it is met. */
  public void forEachKept(java.util.function.Consumer<KeptProfile> each) {
    profiles.forEach((key, profile) -> each.accept(kept(key, profile)));
  }

  private static KeptProfile kept(String key, Profile profile) {
    return new KeptProfile(key, profile.activity());
  }

  /**
   * What the shopper allowed (the later choice of each, when a visitor not yet stitched to the
   * customer named made one too); {@link Consent#NONE} when they never chose.
   */
  public Consent consent(String visitorId, String customerId) {
    String key = resolve(visitorId, customerId);
    if (key == null) return Consent.NONE;
    Consent consent = consents.getOrDefault(key, Consent.NONE);
    if (customerId != null && visitorId != null && !visitorId.isBlank())
      consent = consent.merged(consents.get(ShopperKeys.visitor(visitorId)));
    return consent;
  }

  /** Whether the shopper allows answers shaped by their own history. */
  public boolean personalizationAllowed(String visitorId, String customerId) {
    return consent(visitorId, customerId).personalizationAllowed();
  }

  /**
   * Whether the shopper under a profile key ({@code c:…} or {@code v:…}, a stitched visitor's
   * resolving to its customer) allows marketing messages: what a trigger asks before it delivers.
   */
  public boolean marketingConsent(String key) {
    String resolved = aliases.getOrDefault(key, key);
    return consents.getOrDefault(resolved, Consent.NONE).marketingAllowed();
  }

  /**
   * Every key memory holds of the shopper a request names: their profile key and the visitor keys
   * stitched to it.
   */
  public Set<String> keysOf(String visitorId, String customerId) {
    Set<String> keys = new java.util.HashSet<>();
    String key = resolve(visitorId, customerId);
    if (key == null) return keys;
    keys.add(key);
    if (visitorId != null && !visitorId.isBlank()) keys.add(ShopperKeys.visitor(visitorId));
    aliases.forEach(
        (visitorKey, customerKey) -> {
          if (customerKey.equals(key)) keys.add(visitorKey);
        });
    return keys;
  }

  /** What an erasure dropped from memory. */
  public record Forgotten(int profiles, int aliases, int consents, int awaitedLines) {}

  /**
   * Erases the shoppers under {@code keys} from memory: their profiles (the profile index drops
   * their documents when it next writes the changed keys), aliases, consent and the lines awaiting
   * items. Their next event starts a new shopper.
   */
  public Forgotten forget(Collection<String> keys) {
    Set<String> gone = Set.copyOf(keys);
    int profilesGone = 0;
    for (String key : gone) {
      if (profiles.remove(key) != null) profilesGone++;
      changed.add(key);
    }
    int aliasesGone = 0;
    for (var it = aliases.entrySet().iterator(); it.hasNext(); ) {
      var alias = it.next();
      if (gone.contains(alias.getKey()) || gone.contains(alias.getValue())) {
        it.remove();
        aliasesGone++;
      }
    }
    int consentsGone = 0;
    for (String key : gone) if (consents.remove(key) != null) consentsGone++;
    return new Forgotten(profilesGone, aliasesGone, consentsGone, awaited.forgetProfiles(gone));
  }

  /**
   * Erases, as {@link #forget}, every shopper whose key {@code erased} accepts: a scan of every key
   * memory holds, for an erasure that names its shoppers only by digests.
   */
  public Forgotten forgetMatching(java.util.function.Predicate<String> erased) {
    Set<String> keys = new java.util.HashSet<>();
    for (String key : profiles.keySet()) if (erased.test(key)) keys.add(key);
    aliases.forEach(
        (visitorKey, customerKey) -> {
          if (erased.test(visitorKey)) keys.add(visitorKey);
          if (erased.test(customerKey)) keys.add(customerKey);
        });
    for (String key : consents.keySet()) if (erased.test(key)) keys.add(key);
    return keys.isEmpty() ? new Forgotten(0, 0, 0, 0) : forget(keys);
  }

  /**
   * Up to {@code max} keys whose profile changed or went since the last call, removed from the set:
   * what a profile index writes next.
   */
  public List<String> drainChanged(int max) {
    List<String> out = new ArrayList<>(Math.min(max, changed.size()));
    for (var it = changed.iterator(); it.hasNext() && out.size() < max; ) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /** Marks {@code keys} changed again: a batch of {@link #drainChanged} that was not written. */
  public void markChanged(Collection<String> keys) {
    changed.addAll(keys);
  }

  /** Marks every profile changed: after a new factor model, every shopper's vector moved. */
  public void markAllChanged() {
    changed.addAll(profiles.keySet());
  }

  /** How many keys wait for {@link #drainChanged}. */
  public int changedCount() {
    return changed.size();
  }

  /**
   * What the shopper bought at or after {@code since}, most recent first: all a cached block needs
   * to know, without copying the rest of the profile.
   */
  public List<String> purchasesSince(String visitorId, String customerId, Instant since) {
    Profile profile = find(visitorId, customerId);
    return profile == null ? List.of() : profile.purchasesSince(since);
  }

  private Profile find(String visitorId, String customerId) {
    String key = keyOf(visitorId, customerId);
    return key == null ? null : profiles.get(key);
  }

  /** The key of the profile a request or event names, or null. */
  private String keyOf(String visitorId, String customerId) {
    String key = resolve(visitorId, customerId);
    if (key != null && profiles.containsKey(key)) return key;
    if (customerId != null && visitorId != null) {
      // Not stitched yet (no event named both): fall back to the anonymous history.
      String visitorKey = ShopperKeys.visitor(visitorId);
      if (profiles.containsKey(visitorKey)) return visitorKey;
    }
    return key;
  }

  /**
   * Drops profiles not seen since {@code cutoff}, and the lines awaiting items of events before it;
   * their events stay in the system of record.
   */
  public int evictIdleSince(Instant cutoff) {
    awaited.forgetBefore(cutoff);
    long since = ItemRecency.nanos(cutoff);
    int evicted = 0;
    for (String key : profiles.keySet()) {
      if (evictIf(key, profile -> profile.lastSeen() < since)) evicted++;
    }
    return evicted;
  }

  /** Removes the profile under {@code key} if {@code idle} still holds, atomically with apply. */
  private boolean evictIf(String key, java.util.function.Predicate<Profile> idle) {
    boolean[] removed = {false};
    profiles.computeIfPresent(
        key,
        (k, profile) -> {
          removed[0] = idle.test(profile);
          return removed[0] ? null : profile;
        });
    if (removed[0]) changed.add(key);
    return removed[0];
  }

  /**
   * Keeps at most {@code max} profiles, dropping the least recently seen: memory stays bounded
   * however many shoppers a store has. Dropped shoppers start afresh; their events stay in the
   * system of record.
   */
  public int evictBeyond(int max) {
    int evicted = evictLeastRecentlySeen(profiles.size() - max);
    // Aliases of customers without a profile only cost memory once the store is full; the
    // identity graph in the system of record still has them for the models.
    if (aliases.size() > max)
      aliases.values().removeIf(customerKey -> !profiles.containsKey(customerKey));
    return evicted;
  }

  /**
   * Drops the least recently seen {@code share} of the profiles (and the aliases left without one):
   * what the service does when the heap runs short, rather than fail.
   */
  public int evictShare(double share) {
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1]");
    int evicted = evictLeastRecentlySeen((int) Math.ceil(profiles.size() * share));
    aliases.values().removeIf(customerKey -> !profiles.containsKey(customerKey));
    return evicted;
  }

  private int evictLeastRecentlySeen(int count) {
    if (count <= 0) return 0;
    // Sorted on a copy of lastSeen: the live value may move while sorting.
    record Seen(String key, long lastSeen) {}
    List<Seen> oldestFirst = new ArrayList<>(profiles.size());
    profiles.forEach((key, profile) -> oldestFirst.add(new Seen(key, profile.lastSeen())));
    oldestFirst.sort(Comparator.comparingLong(Seen::lastSeen));
    int evicted = 0;
    for (Seen seen : oldestFirst.subList(0, Math.min(count, oldestFirst.size()))) {
      // Not if the shopper came back since it was judged the oldest.
      if (evictIf(seen.key(), profile -> profile.lastSeen() <= seen.lastSeen())) evicted++;
    }
    return evicted;
  }

  public int size() {
    return profiles.size();
  }

  /**
   * Calls {@code each} with every kept profile's key and a copy of it, one at a time (what a
   * trigger scan reads); profiles changing meanwhile are seen before or after the change.
   */
  public void forEach(java.util.function.BiConsumer<String, ProfileView> each) {
    profiles.forEach(1_000_000_000L, (key, profile) -> each.accept(key, profile.view()));
  }
}
