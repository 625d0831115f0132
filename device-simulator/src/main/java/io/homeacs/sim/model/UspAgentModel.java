package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.min;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;

/**
 * What a TR-181 device needs beyond its CWMP data model to be a USP agent: Device.LocalAgent (its
 * EndpointID, its controller, the subscription table controllers create) and the firmware image
 * slots that USP's FirmwareImage.{i}.Download() writes to.
 */
public final class UspAgentModel {
    public static final String SUBSCRIPTIONS = "Device.LocalAgent.Subscription.";
    public static final String CONTROLLER = "Device.LocalAgent.Controller.1.";
    public static final String IMAGES = "Device.DeviceInfo.FirmwareImage.";

    private UspAgentModel() {
    }

    /** Adds the objects to a freshly built TR-181 model (factory state: no subscriptions, image 1 active). */
    public static void extend(DataModel m, String endpointId, String controllerId, String softwareVersion,
                              int periodicSeconds) {
        ModelBuilder b = new ModelBuilder(m);
        String la = "Device.LocalAgent.";
        b.ro(la + "EndpointID", endpointId, maxLen(255))
                .ro(la + "SupportedProtocols", "WebSocket, MQTT, STOMP, CoAP", maxLen(256))
                .ro(la + "SoftwareVersion", softwareVersion, maxLen(64))
                .ro(la + "UpTime", UNSIGNED_INT, 0);
        b.table(la + "Controller.", la + "ControllerNumberOfEntries", false, (model, inst, n) -> {
        });
        m.addInstance(la + "Controller.", 1);
        b.rw(CONTROLLER + "EndpointID", controllerId, maxLen(255))
                .rw(CONTROLLER + "Enable", BOOLEAN, true)
                .rw(CONTROLLER + "PeriodicNotifInterval", UNSIGNED_INT, periodicSeconds, min(1))
                .rw(CONTROLLER + "PeriodicNotifTime", ParamType.DATE_TIME, "0001-01-01T00:00:00Z");
        b.table(SUBSCRIPTIONS, la + "SubscriptionNumberOfEntries", true, (model, inst, n) -> {
            ModelBuilder ib = new ModelBuilder(model);
            ib.rw(inst + "Enable", BOOLEAN, false)
                    .rw(inst + "ID", "", maxLen(64))
                    .ro(inst + "Recipient", "Device.LocalAgent.Controller.1", maxLen(256))
                    .rw(inst + "NotifType", "ValueChange", ModelBuilder.oneOf("ValueChange", "ObjectCreation",
                            "ObjectDeletion", "OperationComplete", "Event"))
                    .rw(inst + "ReferenceList", "", maxLen(4096))
                    .rw(inst + "Persistent", BOOLEAN, false)
                    .rw(inst + "TimeToLive", UNSIGNED_INT, 0)
                    .rw(inst + "NotifRetry", BOOLEAN, false)
                    .rw(inst + "NotifExpiration", UNSIGNED_INT, 0);
        });
        b.ro("Device.DeviceInfo.ActiveFirmwareImage", IMAGES + "1", maxLen(256));
        b.table(IMAGES, "Device.DeviceInfo.FirmwareImageNumberOfEntries", false, (model, inst, n) -> {
            ModelBuilder ib = new ModelBuilder(model);
            ib.ro(inst + "Alias", "cpe-image-" + n, maxLen(64))
                    .ro(inst + "Name", n == 1 ? "factory" : "", maxLen(64))
                    .ro(inst + "Version", n == 1 ? softwareVersion : "", maxLen(64))
                    .ro(inst + "Available", BOOLEAN, n == 1)
                    .ro(inst + "Status", n == 1 ? "Active" : "NoImage", maxLen(32))
                    .ro(inst + "BootFailureLog", "", maxLen(256));
        });
        m.addInstance(IMAGES, 1);
        m.addInstance(IMAGES, 2);
    }
}
