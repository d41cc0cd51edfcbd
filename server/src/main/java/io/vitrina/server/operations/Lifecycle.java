package io.vitrina.server.operations;

/** Where the service is in its life, for {@code /ready} and load balancers. */
public final class Lifecycle {
  public enum State {
    STARTING,
    READY,
    STOPPING
  }

  private volatile State state = State.STARTING;

  public State state() {
    return state;
  }

  public void ready() {
    state = State.READY;
  }

  public void stopping() {
    state = State.STOPPING;
  }
}
