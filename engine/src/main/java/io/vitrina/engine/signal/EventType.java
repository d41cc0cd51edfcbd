package io.vitrina.engine.signal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shopper events, named as Google Analytics 4 e-commerce names them, so that what a store's tag
 * manager already sends is accepted as it is. Events that only mark a step of the funnel ({@code
 * view_cart}, {@code add_shipping_info}, {@code login}, …) are stored for reports and triggers;
 * those about items also shape profiles and models.
 */
public enum EventType {
  PAGE_VIEW("page_view", false),
  VIEW_ITEM("view_item", true),
  VIEW_ITEM_LIST("view_item_list", false),
  SELECT_ITEM("select_item", true),
  ADD_TO_CART("add_to_cart", true),
  REMOVE_FROM_CART("remove_from_cart", true),
  BEGIN_CHECKOUT("begin_checkout", false),
  PURCHASE("purchase", true),
  SEARCH("search", false),
  VIEW_PROMOTION("view_promotion", false),
  SELECT_PROMOTION("select_promotion", false),
  IDENTIFY("identify", false),
  /** Between a view and a cart: the shopper wants the item, not yet now. */
  ADD_TO_WISHLIST("add_to_wishlist", true),
  VIEW_CART("view_cart", false),
  ADD_SHIPPING_INFO("add_shipping_info", false),
  ADD_PAYMENT_INFO("add_payment_info", false),
  /** A whole order returned (by its transaction id) or some of its items. */
  REFUND("refund", false),
  LOGIN("login", false),
  SIGN_UP("sign_up", false),
  GENERATE_LEAD("generate_lead", false),
  /**
   * The shopper's choice about personalization and marketing (its query holds the choices, see
   * {@code profile.Consent}).
   */
  CONSENT("consent", false),
  /**
   * The service's own: a shopper was first given their arm of an experiment (its {@code list_id} is
   * the placement, its token names the experiment and the arm). Never accepted from outside.
   */
  EXPERIMENT_EXPOSURE("experiment_exposure", false),
  /**
   * The service's own: a shopper was erased (their events deleted); its items are digests of the
   * erased profile keys, so that every node drops them from memory without the log naming them.
   * Never accepted from outside.
   */
  SHOPPER_ERASED("shopper_erased", false);

  private static final Map<String, EventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(EventType::wireName, Function.identity()));

  private final String wireName;
  private final boolean requiresItems;

  EventType(String wireName, boolean requiresItems) {
    this.wireName = wireName;
    this.requiresItems = requiresItems;
  }

  /** The name on the wire, e.g. {@code view_item}. */
  public String wireName() {
    return wireName;
  }

  /** Whether the event means nothing without at least one item. */
  public boolean requiresItems() {
    return requiresItems;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Whether only the service itself records it: an intake refuses it. */
  public boolean internal() {
    return this == EXPERIMENT_EXPOSURE || this == SHOPPER_ERASED;
  }

  /** The wire names an intake accepts, for error messages and the API description. */
  public static String wireNames() {
    return Arrays.stream(values())
        .filter(t -> !t.internal())
        .map(EventType::wireName)
        .collect(Collectors.joining(", "));
  }
}
