package io.vitrina.engine.campaign;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pop-up campaign: what it shows, when on a page it opens, for whom, how often, and from when to
 * when.
 *
 * @param id how the admin API, events ({@code item_list_id}) and experiments name it
 * @param name what the store calls it, or null
 * @param priority higher first when several may show on one page
 * @param triggers it opens on the first of these that fires
 */
public record Campaign(
    String id,
    String name,
    boolean active,
    int priority,
    Content content,
    List<PageTrigger> triggers,
    Targeting targeting,
    Caps caps,
    Schedule schedule) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public Campaign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(content, "content");
    triggers = List.copyOf(triggers);
    targeting = targeting == null ? Targeting.EVERYONE : targeting;
    caps = caps == null ? Caps.NONE : caps;
    schedule = schedule == null ? Schedule.ALWAYS : schedule;
  }

  /** Whether {@code id} may name a campaign or a slot: 1-64 lower-case letters, digits, _ or -. */
  public static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
