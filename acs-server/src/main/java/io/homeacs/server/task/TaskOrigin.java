package io.homeacs.server.task;

/** Who asked for a task: an operator through the API, or the ACS itself (bootstrap, refresh). */
public enum TaskOrigin { API, SYSTEM }
