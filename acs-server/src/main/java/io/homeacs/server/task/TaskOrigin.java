package io.homeacs.server.task;

/**
 * Who asked for a task: an operator through the API, the ACS itself (bootstrap, refresh), the
 * profile engine converging a device on its desired state, or subscriber provisioning
 * (commissioning, suspend and resume); the last two follow their own tasks' outcomes.
 */
public enum TaskOrigin { API, SYSTEM, PROFILE, PROVISIONING }
