package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BASE64;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.DATE_TIME;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;

import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A Wi-Fi mesh home: the gateway node plus 1-3 satellites, exposed through the EasyMesh
 * Device.WiFi.DataElements tree (names per tr-181-2-wifi-de).
 */
public final class MeshTemplate extends Tr181Template {
    public static final MeshTemplate INSTANCE = new MeshTemplate();
    private static final String NET = "Device.WiFi.DataElements.Network.";
    private static final String TS = "2026-01-01T00:00:00Z";

    private MeshTemplate() {
    }

    @Override
    void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        Tr181Common.ip(b, TemplateContext.wanIp(r), "DHCP");
        Tr181Common.wifi(b, c, r);
        Tr181Common.hosts(b, r, 2 + r.nextInt(4));
        Tr181Common.nat(b);
        dataElements(b, c, r);
    }

    private static void dataElements(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        String gatewayMac = c.mac(r, 0);
        String ssid = b.model().value("Device.WiFi.SSID.1.SSID").orElse("mesh");
        b.ro(NET + "ID", "mesh-" + c.serialNumber()).ro(NET + "TimeStamp", DATE_TIME, TS)
                .ro(NET + "ControllerID", gatewayMac);
        int nodes = 2 + r.nextInt(3);
        b.table(NET + "Device.", NET + "DeviceNumberOfEntries", false, (m, d, n) -> node(new ModelBuilder(m), c, r, d, n,
                n == 1 ? gatewayMac : c.mac(r, (int) n), gatewayMac, ssid));
        b.instances(NET + "Device.", nodes);
    }

    private static void node(ModelBuilder b, TemplateContext c, SplittableRandom r, String d, long n, String mac,
                             String gatewayMac, String ssid) {
        boolean gateway = n == 1;
        b.ro(d + "ID", mac).ro(d + "Manufacturer", c.profile().manufacturer())
                .ro(d + "SerialNumber", gateway ? c.serialNumber() : c.serialNumber() + "-S" + (n - 1))
                .ro(d + "ManufacturerModel", gateway ? c.profile().modelName() : "MeshWave AX3000 Satellite")
                .ro(d + "SoftwareVersion", c.profile().softwareVersion())
                .ro(d + "MultiAPDevice.ManufacturerOUI", c.profile().oui())
                .ro(d + "MultiAPDevice.LastContactTime", DATE_TIME, TS)
                .ro(d + "MultiAPDevice.EasyMeshControllerOperationMode", gateway ? "Running" : "NotSupported",
                        oneOf("NotSupported", "SupportedNotEnabled", "Running"))
                .ro(d + "MultiAPDevice.EasyMeshAgentOperationMode", "Running",
                        oneOf("NotSupported", "SupportedNotEnabled", "Running"));
        String bh = d + "MultiAPDevice.Backhaul.";
        b.ro(bh + "LinkType", gateway ? "None" : r.nextInt(3) == 0 ? "Ethernet" : "Wi-Fi",
                        oneOf("None", "Wi-Fi", "MoCA", "Ethernet", "G.hn", "HPNA", "HomePlug", "UPA"))
                .ro(bh + "BackhaulMACAddress", gateway ? "" : gatewayMac)
                .ro(bh + "BackhaulDeviceID", gateway ? "" : gatewayMac)
                .ro(bh + "MACAddress", gateway ? "" : mac)
                .ro(bh + "Stats.LinkUtilization", UNSIGNED_INT, gateway ? 0 : r.nextInt(60), range(0, 100))
                .ro(bh + "Stats.SignalStrength", UNSIGNED_INT, gateway ? 0 : 120 + r.nextInt(80), range(0, 255))
                .ro(bh + "Stats.LastDataDownlinkRate", UNSIGNED_INT, gateway ? 0 : 300_000 + r.nextInt(900_000))
                .ro(bh + "Stats.LastDataUplinkRate", UNSIGNED_INT, gateway ? 0 : 200_000 + r.nextInt(600_000))
                .ro(bh + "Stats.TimeStamp", DATE_TIME, TS);
        b.table(d + "Radio.", d + "RadioNumberOfEntries", false, (m, rad, k) -> radio(new ModelBuilder(m), r, rad, k, mac, ssid));
        b.instances(d + "Radio.", 2);
    }

    private static void radio(ModelBuilder b, SplittableRandom r, String rad, long k, String nodeMac, String ssid) {
        byte[] id = HexFormat.ofDelimiter(":").parseHex(nodeMac);
        id[5] = (byte) (id[5] + k);
        b.ro(rad + "ID", BASE64, Base64.getEncoder().encodeToString(id))
                .ro(rad + "Enabled", BOOLEAN, true)
                .ro(rad + "Noise", UNSIGNED_INT, 20 + r.nextInt(30), range(0, 255))
                .ro(rad + "Utilization", UNSIGNED_INT, r.nextInt(150), range(0, 255))
                .ro(rad + "Transmit", UNSIGNED_INT, r.nextInt(100), range(0, 255));
        String bssid = HexFormat.ofDelimiter(":").withUpperCase().formatHex(id);
        b.table(rad + "BSS.", rad + "BSSNumberOfEntries", false, (m, bss, j) -> {
            ModelBuilder bb = new ModelBuilder(m).ro(bss + "BSSID", bssid).ro(bss + "SSID", k == 1 ? ssid : ssid + "-5G")
                    .ro(bss + "Enabled", BOOLEAN, true).ro(bss + "TimeStamp", DATE_TIME, TS)
                    .ro(bss + "FronthaulUse", BOOLEAN, true).ro(bss + "BackhaulUse", BOOLEAN, k == 2);
            bb.table(bss + "STA.", bss + "STANumberOfEntries", false, (m2, sta, l) -> new ModelBuilder(m2)
                    .ro(sta + "MACAddress", TemplateContext.randomMac(r)).ro(sta + "TimeStamp", DATE_TIME, TS)
                    .ro(sta + "SignalStrength", UNSIGNED_INT, 90 + r.nextInt(120), range(0, 255))
                    .ro(sta + "LastDataDownlinkRate", UNSIGNED_INT, 20_000 + r.nextInt(800_000))
                    .ro(sta + "LastDataUplinkRate", UNSIGNED_INT, 10_000 + r.nextInt(400_000))
                    .ro(sta + "Hostname", "sta-" + l));
            bb.instances(bss + "STA.", r.nextInt(4));
        });
        b.instances(rad + "BSS.", 1);
    }
}
