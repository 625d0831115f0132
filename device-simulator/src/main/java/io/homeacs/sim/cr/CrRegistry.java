package io.homeacs.sim.cr;

import java.util.Optional;

/** Looks up the device a connection request is meant for. */
public interface CrRegistry {
    /** The connection-request facing side of one device. */
    interface Endpoint {
        String username();

        String password();

        /** False for devices simulated behind NAT: HTTP connection requests must not reach them. */
        boolean httpReachable();

        void trigger();

        void rejected();
    }

    Optional<Endpoint> bySerial(String serialNumber);

    Optional<Endpoint> byUsername(String username);
}
