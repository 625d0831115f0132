package io.homeacs.server.cwmp.soap;

import java.util.List;

/** AutonomousDUStateChangeComplete: DU changes the CPE made on its own. */
public record AutonomousDuStateChangeComplete(List<OpResult> results) implements CpeRequest {
    public AutonomousDuStateChangeComplete {
        results = results == null ? List.of() : List.copyOf(results);
    }

    @Override
    public String methodName() {
        return "AutonomousDUStateChangeComplete";
    }
}
