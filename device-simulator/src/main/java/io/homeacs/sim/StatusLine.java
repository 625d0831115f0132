package io.homeacs.sim;

/** The periodic one-line fleet summary. */
final class StatusLine {
    private final Fleet fleet;

    StatusLine(Fleet fleet) {
        this.fleet = fleet;
    }

    /** The most frequent last errors across devices, e.g. "HTTP 500 while expecting InformResponse (x12)". */
    String errorSummary() {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (VirtualDevice d : fleet.virtualDevices()) {
            if (!d.lastError().isEmpty()) {
                counts.merge(d.lastError(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " (x" + e.getValue() + ")").collect(java.util.stream.Collectors.joining("; "));
    }

    String line() {
        int booted = 0;
        long ok = 0;
        long errors = 0;
        long cr = 0;
        int inSession = 0;
        for (VirtualDevice d : fleet.virtualDevices()) {
            if (d.completedSessions() > 0) {
                booted++;
            }
            ok += d.completedSessions();
            errors += d.failedSessions();
            cr += d.connectionRequestsReceived();
            if (d.inSession()) {
                inSession++;
            }
        }
        return "devices=" + fleet.virtualDevices().size() + " booted=" + booted + " sessions_ok=" + ok + " errors=" + errors
                + " connection_requests=" + cr + " in_session=" + inSession + " queued=" + fleet.runtime().limiter.queued();
    }
}
