package io.homeacs.sim;

import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.SessionHost.CpeRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Undelivered events, changed parameters and CPE requests of one device. Not thread-safe: the owning
 * device guards it. Events are cleared only once delivered; events tied to a CPE request (e.g. "7 TRANSFER
 * COMPLETE" and its TransferComplete) stay until the ACS acknowledged that request.
 */
final class EventBook {
    static final String BOOTSTRAP = "0 BOOTSTRAP";
    static final String BOOT = "1 BOOT";
    static final String PERIODIC = "2 PERIODIC";
    static final String SCHEDULED = "3 SCHEDULED";
    static final String VALUE_CHANGE = "4 VALUE CHANGE";
    static final String CONNECTION_REQUEST = "6 CONNECTION REQUEST";
    static final String TRANSFER_COMPLETE = "7 TRANSFER COMPLETE";
    static final String DU_STATE_CHANGE_COMPLETE = "11 DU STATE CHANGE COMPLETE";

    /** A queued CPE request; identity equality on purpose, two identical TransferCompletes are two requests. */
    static final class PendingRequest implements CpeRequest {
        private final String method;
        private final String body;
        final List<EventStruct> events;

        PendingRequest(String method, String body, List<EventStruct> events) {
            this.method = method;
            this.body = body;
            this.events = List.copyOf(events);
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String body() {
            return body;
        }
    }

    private final List<EventStruct> events = new ArrayList<>();
    private final LinkedHashSet<String> changed = new LinkedHashSet<>();
    private final List<PendingRequest> requests = new ArrayList<>();

    void add(EventStruct e) {
        for (EventStruct x : events) {
            if (x.sameSlot(e)) {
                return;
            }
        }
        events.add(e);
    }

    void add(String code) {
        add(EventStruct.of(code));
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    boolean hasRequests() {
        return !requests.isEmpty();
    }

    void markChanged(String path) {
        changed.add(path);
    }

    List<String> changedParameters() {
        return List.copyOf(changed);
    }

    /** The events of the next Inform: numbered events in code order, then "M ..." events. */
    List<EventStruct> forInform() {
        List<EventStruct> out = new ArrayList<>(events);
        if (!changed.isEmpty() && out.stream().noneMatch(e -> e.code().equals(VALUE_CHANGE))) {
            out.add(EventStruct.of(VALUE_CHANGE));
        }
        out.sort(Comparator.comparingInt(EventBook::order));
        return out;
    }

    private static int order(EventStruct e) {
        String c = e.code();
        if (c.startsWith("M ") || c.startsWith("X ")) {
            return 1000;
        }
        int sp = c.indexOf(' ');
        try {
            return Integer.parseInt(sp < 0 ? c : c.substring(0, sp));
        } catch (NumberFormatException ex) {
            return 999;
        }
    }

    void delivered(List<EventStruct> delivered, Collection<String> changedDelivered) {
        for (EventStruct e : delivered) {
            if (!heldByRequest(e)) {
                events.removeIf(x -> x.sameSlot(e));
            }
        }
        changed.removeAll(changedDelivered);
    }

    private boolean heldByRequest(EventStruct e) {
        for (PendingRequest r : requests) {
            for (EventStruct x : r.events) {
                if (x.sameSlot(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Per TR-069, a failed session does not retry "6 CONNECTION REQUEST"; everything else is kept. */
    void sessionFailed() {
        events.removeIf(e -> e.code().equals(CONNECTION_REQUEST));
    }

    void addRequest(PendingRequest r) {
        requests.add(r);
        r.events.forEach(this::add);
    }

    PendingRequest nextRequest(Set<CpeRequest> sent) {
        for (PendingRequest r : requests) {
            if (!sent.contains(r)) {
                return r;
            }
        }
        return null;
    }

    void acknowledged(CpeRequest r) {
        if (!requests.remove(r)) {
            return;
        }
        for (EventStruct e : ((PendingRequest) r).events) {
            if (!heldByRequest(e)) {
                events.removeIf(x -> x.sameSlot(e));
            }
        }
    }

    void clear() {
        events.clear();
        changed.clear();
        requests.clear();
    }
}
