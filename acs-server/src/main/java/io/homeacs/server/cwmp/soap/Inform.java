package io.homeacs.server.cwmp.soap;

import java.util.List;

/** Inform: opens every CWMP session. */
public record Inform(DeviceIdStruct deviceId, List<EventStruct> events, int maxEnvelopes, String currentTime,
                     int retryCount, List<ParameterValue> parameters) implements CpeRequest {
    public Inform {
        events = events == null ? List.of() : List.copyOf(events);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** True when one of the events has exactly this event code, e.g. "0 BOOTSTRAP". */
    public boolean hasEvent(String eventCode) {
        for (EventStruct e : events) {
            if (e.eventCode().equals(eventCode)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String methodName() {
        return "Inform";
    }
}
