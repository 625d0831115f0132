package io.homeacs.server.task;

/**
 * queued → sent → done | fault | expired, with two side roads: accepted (the device took the
 * request and will report completion later, e.g. a download) and cancelled (by an operator).
 */
public enum TaskState {
    QUEUED, SENT, ACCEPTED, DONE, FAULT, EXPIRED, CANCELLED;

    public boolean terminal() {
        return this == DONE || this == FAULT || this == EXPIRED || this == CANCELLED;
    }
}
