package io.homeacs.server.device;

import java.util.Collection;

/**
 * Works out what a device is from the objects its data model contains. A device that
 * implements STBService is a set-top box whatever else it has; EasyMesh DataElements mark
 * a mesh router; anything else with a WAN side is a gateway.
 */
final class KindInference {
    private KindInference() {
    }

    static DeviceKind fromNames(DataModel model, Collection<String> names) {
        boolean mesh = false;
        boolean wan = false;
        for (String n : names) {
            if (n.startsWith("Device.Services.STBService.")) {
                return DeviceKind.SET_TOP_BOX;
            }
            if (n.startsWith("Device.WiFi.DataElements.")) {
                mesh = true;
            } else if (n.startsWith("Device.Optical.") || n.startsWith("Device.XPON.") || n.startsWith("Device.PPP.")
                || n.startsWith("Device.DSL.")) {
                wan = true;
            }
        }
        if (mesh) {
            return DeviceKind.MESH_ROUTER;
        }
        if (wan || model == DataModel.TR098) {
            return DeviceKind.GATEWAY;
        }
        return DeviceKind.UNKNOWN;
    }

    static DeviceKind fromParameterDocument(DataModel model, ParameterDocument doc) {
        if (doc.hasPrefix("Device.Services.STBService.")) {
            return DeviceKind.SET_TOP_BOX;
        }
        if (doc.hasPrefix("Device.WiFi.DataElements.")) {
            return DeviceKind.MESH_ROUTER;
        }
        if (model == DataModel.TR098 || doc.hasPrefix("Device.Optical.") || doc.hasPrefix("Device.XPON.")
            || doc.hasPrefix("Device.PPP.") || doc.hasPrefix("Device.DSL.")) {
            return DeviceKind.GATEWAY;
        }
        return doc.size() > 0 ? DeviceKind.GATEWAY : DeviceKind.UNKNOWN;
    }
}
