package io.homeacs.server.task;

/**
 * Who asked for a task: an operator through the API, the ACS itself (bootstrap, refresh), or the
 * profile engine converging a device on its desired state.
 */
public enum TaskOrigin { API, SYSTEM, PROFILE }
