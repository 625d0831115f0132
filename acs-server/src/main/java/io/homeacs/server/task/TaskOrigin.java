package io.homeacs.server.task;

/**
 * Who asked for a task: an operator through the API, the ACS itself (bootstrap, refresh), the
 * profile engine converging a device on its desired state, subscriber provisioning (commissioning,
 * suspend and resume) or a remote diagnostics run (speed test, ping, trace route) or a firmware
 * campaign; the last four follow their own tasks' outcomes.
 */
public enum TaskOrigin { API, SYSTEM, PROFILE, PROVISIONING, DIAGNOSTICS, CAMPAIGN }
