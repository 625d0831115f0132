package io.homeacs.server.mesh;

import io.homeacs.server.device.DataModel;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A three-node home's Data Elements as a controller reports them: gateway, one Wi-Fi and one wired satellite. */
final class MeshFixtures {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final String N = "Device.WiFi.DataElements.Network.";

    private MeshFixtures() {
    }

    static Device device(long id, String serial) {
        return new Device(id, "OUI-" + serial, new DeviceIdentity("00D09E", "MESH", serial), "Acme", "AX3000", "HW1", "1.0",
            DeviceKind.MESH_ROUTER, false, DataModel.TR181, "CWMP", "cwmp-1-2", T0, T0, null, null, null, null, null, null, null);
    }

    /** backhaulRcpi of satellite 1 (Wi-Fi); clientRcpi of every client of satellite 1; radio utilisation 0-255 of the gateway. */
    static ParameterDocument controller(int backhaulRcpi, int clientRcpi, int gatewayUtil) {
        List<ParamValue> v = new ArrayList<>();
        s(v, N + "ID", "home-1");
        s(v, N + "ControllerID", "00:D0:9E:00:00:01");
        s(v, N + "DeviceNumberOfEntries", "3");
        node(v, 1, "00:D0:9E:00:00:01", "GW1", "None", "", 0, gatewayUtil, "Family", 1, 200);
        node(v, 2, "00:D0:9E:00:00:02", "SAT1", "Wi-Fi", "00:D0:9E:00:00:01", backhaulRcpi, 40, "Family", 2, clientRcpi);
        node(v, 3, "00:D0:9E:00:00:03", "SAT2", "Ethernet", "00:D0:9E:00:00:01", 0, 40, "Family", 0, 200);
        s(v, "Device.WiFi.Radio.1.Channel", "6");
        ParameterDocument doc = ParameterDocument.empty();
        doc.merge(v, T0);
        return doc;
    }

    private static void node(List<ParamValue> v, int i, String mac, String serial, String link, String parent, int rcpi, int util,
                             String ssid, int clients, int clientRcpi) {
        String p = N + "Device." + i + ".";
        s(v, p + "ID", mac);
        s(v, p + "SerialNumber", serial);
        s(v, p + "ManufacturerModel", "AX3000");
        s(v, p + "MultiAPDevice.EasyMeshControllerOperationMode", i == 1 ? "Running" : "NotSupported");
        s(v, p + "MultiAPDevice.Backhaul.LinkType", link);
        s(v, p + "MultiAPDevice.Backhaul.BackhaulDeviceID", parent);
        s(v, p + "MultiAPDevice.Backhaul.Stats.SignalStrength", String.valueOf(rcpi));
        s(v, p + "MultiAPDevice.Backhaul.Stats.LastDataDownlinkRate", i == 1 ? "0" : rcpi > 0 && rcpi < 70 ? "80000" : "600000");
        s(v, p + "MultiAPDevice.Backhaul.Stats.LastDataUplinkRate", "300000");
        for (int k = 1; k <= 2; k++) {
            String r = p + "Radio." + k + ".";
            s(v, r + "Utilization", String.valueOf(util));
            s(v, r + "Noise", "30");
            s(v, r + "BSS.1.SSID", k == 1 ? ssid : ssid + "-5G");
            s(v, r + "BSS.1.Enabled", "true");
            for (int c = 1; c <= (k == 1 ? clients : 0); c++) {
                s(v, r + "BSS.1.STA." + c + ".MACAddress", "02:00:00:00:0" + i + ":0" + c);
                s(v, r + "BSS.1.STA." + c + ".SignalStrength", String.valueOf(clientRcpi));
                s(v, r + "BSS.1.STA." + c + ".LastDataDownlinkRate", "50000");
            }
        }
    }

    static void s(List<ParamValue> v, String name, String value) {
        v.add(new ParamValue(name, value, "xsd:string"));
    }
}
