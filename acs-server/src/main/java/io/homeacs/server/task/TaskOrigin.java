package io.homeacs.server.task;

/**
 * Who asked for a task: an operator through the API, the ACS itself (bootstrap, refresh), or
 * subscriber provisioning (commissioning, suspend and resume), which follows its own tasks' outcomes.
 */
public enum TaskOrigin { API, SYSTEM, PROVISIONING }
