package io.vitrina.server.cluster;

import java.security.SecureRandom;

/**
 * This running process as one node of several on one database. The id is new at every start, so a
 * restarted node is a new node: what its earlier run wrote it reads back as history, never as its
 * own live work.
 *
 * @param id short and unique among the nodes of a deployment; written beside what this node stores
 *     in shared logs, and named in logs
 */
public record Node(String id) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new node id: this process's id and random letters. */
  public static Node started() {
    String random = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    return new Node(ProcessHandle.current().pid() + "-" + random.substring(0, 6));
  }
}
