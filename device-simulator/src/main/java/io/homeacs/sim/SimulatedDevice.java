package io.homeacs.sim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One simulated CPE, as seen by tests and tools. */
public interface SimulatedDevice {
    String serialNumber();

    String oui();

    String productClass();

    String manufacturer();

    /** oui + "-" + productClass + "-" + serialNumber. */
    String deviceId();

    DeviceKind kind();

    boolean tr098();

    /** "Device." or "InternetGatewayDevice.". */
    String root();

    /** Current value in the device's data model (the real value, also for hidden parameters). */
    Optional<String> value(String path);

    /**
     * A change made on the device itself: updates the value and, per the notification attribute, starts a
     * "4 VALUE CHANGE" session (active) or reports it in the next Inform (passive).
     */
    void setLocal(String path, String value);

    /** Starts a session now (queued behind a running one); completes when that session ends. */
    CompletableFuture<Void> inform(String... eventCodes);

    int completedSessions();

    int failedSessions();

    String lastError();

    /** ACS-initiated method names received, in order. */
    List<String> executedRpcs();

    int connectionRequestsReceived();

    /** The ManagementServer.Username currently used to authenticate. */
    String acsUsername();

    /** Reboots the device; it later informs with "1 BOOT". */
    void powerCycle();

    boolean inSession();

    /** Puts the unit into a fault scenario (see {@link Scenario}); it stays there until the fleet stops. */
    void scenario(Scenario s);
}
