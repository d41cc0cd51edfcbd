package io.vitrina.engine.signal;

/**
 * Where an applied event comes from, as a node of several sees it. Every node applies every event
 * of the log once, in one order; work that must happen once per event in the world (a trigger's
 * message, an experiment's counter kept outside the node) does it for {@link #LIVE} only, so
 * neither a second node nor a restart does it again.
 */
public enum Origin {
  /** Accepted by this node's API: this node answers for it. */
  LIVE,
  /** Accepted by another node on the same database, read from the log. */
  PEER,
  /** Read back from the log when this node started: it happened before. */
  REPLAY
}
