package dev.swarmstack.swarm.history;

/** A stack's history can't give what was asked: no such revision, or one that can't be read. Nothing was written. */
public class HistoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HistoryException(String message) {
    super(message);
  }
}
