package io.homeacs.server.diagnose;

/**
 * Where a run is within its current object: the request (SetParameterValues DiagnosticsState=Requested)
 * is queued or sent, the device is measuring and will say "8 DIAGNOSTICS COMPLETE", or the results are
 * being read back (GetParameterValues). A finished run is at DONE.
 */
public enum Step { REQUEST, TEST, READ, DONE }
