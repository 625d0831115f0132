package io.homeacs.server.cwmp.soap;

import java.util.List;

/** DUStateChangeComplete: result of an earlier ChangeDUState. */
public record DuStateChangeComplete(String commandKey, List<OpResult> results) implements CpeRequest {
    public DuStateChangeComplete {
        results = results == null ? List.of() : List.copyOf(results);
    }

    @Override
    public String methodName() {
        return "DUStateChangeComplete";
    }
}
