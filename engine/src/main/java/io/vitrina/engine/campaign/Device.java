package io.vitrina.engine.campaign;

import java.util.Locale;
import java.util.Optional;

/** The kind of screen a page is shown on, as the browser script tells it. */
public enum Device {
  DESKTOP,
  MOBILE,
  TABLET;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Device> fromWireName(String name) {
    for (Device d : values()) if (d.wireName().equals(name)) return Optional.of(d);
    return Optional.empty();
  }
}
