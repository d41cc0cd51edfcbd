package io.vitrina.engine.experiment;

import java.util.Locale;

/**
 * Where an experiment is in its life: a draft is edited freely; a running one assigns shoppers; a
 * paused one serves the placement as saved and may start again; a stopped one is over for good.
 */
public enum Status {
  DRAFT,
  RUNNING,
  PAUSED,
  STOPPED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
