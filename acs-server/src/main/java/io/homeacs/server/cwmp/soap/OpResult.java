package io.homeacs.server.cwmp.soap;

/** OpResultStruct from (Autonomous)DUStateChangeComplete. */
public record OpResult(String uuid, String deploymentUnitRef, String version, String currentState, boolean resolved,
                       String executionUnitRefList, String startTime, String completeTime, FaultStruct fault) {
}
