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
 * A Wi-Fi mesh home's gateway: the EasyMesh controller, exposing the home's 1-4 nodes through the
 * Device.WiFi.DataElements tree (names per tr-181-2-wifi-de), shaped by a {@link MeshSpec}.
 */
public final class MeshTemplate extends Tr181Template {
    public static final MeshTemplate INSTANCE = new MeshTemplate(MeshSpec.DEFAULT);
    public static final String NET = "Device.WiFi.DataElements.Network.";
    private static final String TS = "2026-01-01T00:00:00Z";

    private final MeshSpec spec;

    public MeshTemplate(MeshSpec spec) {
        this.spec = spec;
    }

    public MeshSpec spec() {
        return spec;
    }

    @Override
    void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        Tr181Common.ip(b, TemplateContext.wanIp(r), "DHCP");
        Tr181Common.wifi(b, c, r);
        Tr181Common.hosts(b, r, 2 + r.nextInt(4));
        Tr181Common.nat(b);
        // The gateway runs the installer's speed test (TR-143).
        DiagnosticsTemplates.tr181(b);
        dataElements(b, c, r);
    }

    private void dataElements(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        String gatewayMac = MeshSpec.nodeMac(c.profile().oui(), c.serialNumber(), 1);
        String ssid = b.model().value("Device.WiFi.SSID.1.SSID").orElse("mesh");
        String ssid5 = b.model().value("Device.WiFi.SSID.2.SSID").orElse(ssid);
        b.ro(NET + "ID", "mesh-" + c.serialNumber()).ro(NET + "TimeStamp", DATE_TIME, TS)
                .ro(NET + "ControllerID", gatewayMac);
        int nodes = spec.nodesFor(c.seed());
        b.table(NET + "Device.", NET + "DeviceNumberOfEntries", false, (m, d, n) -> node(new ModelBuilder(m), c, r, d, (int) n,
                MeshSpec.nodeMac(c.profile().oui(), c.serialNumber(), (int) n), gatewayMac, ssid, ssid5));
        b.instances(NET + "Device.", nodes);
    }

    private void node(ModelBuilder b, TemplateContext c, SplittableRandom r, String d, int n, String mac, String gatewayMac,
                      String ssid, String ssid5) {
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
        boolean wired = !gateway && spec.scenario() != MeshSpec.Scenario.WEAK_BACKHAUL && n == 3;
        b.ro(bh + "LinkType", gateway ? "None" : wired ? "Ethernet" : "Wi-Fi",
                        oneOf("None", "Wi-Fi", "MoCA", "Ethernet", "G.hn", "HPNA", "HomePlug", "UPA"))
                .ro(bh + "BackhaulMACAddress", gateway ? "" : gatewayMac)
                .ro(bh + "BackhaulDeviceID", gateway ? "" : gatewayMac)
                .ro(bh + "MACAddress", gateway ? "" : mac)
                .ro(bh + "Stats.LinkUtilization", UNSIGNED_INT, gateway ? 0 : 10 + r.nextInt(30), range(0, 100))
                .ro(bh + "Stats.SignalStrength", UNSIGNED_INT, gateway || wired ? 0 : spec.backhaulRcpi(n), range(0, 255))
                .ro(bh + "Stats.LastDataDownlinkRate", UNSIGNED_INT, gateway ? 0 : wired ? 1_000_000 : spec.backhaulKbps(n))
                .ro(bh + "Stats.LastDataUplinkRate", UNSIGNED_INT, gateway ? 0 : wired ? 1_000_000 : spec.backhaulKbps(n) / 2)
                .ro(bh + "Stats.TimeStamp", DATE_TIME, TS);
        b.table(d + "Radio.", d + "RadioNumberOfEntries", false,
                (m, rad, k) -> radio(new ModelBuilder(m), r, rad, (int) k, n, mac, k == 1 ? ssid : ssid5));
        b.instances(d + "Radio.", 2);
    }

    private void radio(ModelBuilder b, SplittableRandom r, String rad, int k, int node, String nodeMac, String ssid) {
        byte[] id = HexFormat.ofDelimiter(":").parseHex(nodeMac);
        id[5] = (byte) (id[5] + 16 * k);
        boolean interference = spec.scenario() == MeshSpec.Scenario.INTERFERENCE;
        b.ro(rad + "ID", BASE64, Base64.getEncoder().encodeToString(id))
                .ro(rad + "Enabled", BOOLEAN, true)
                .ro(rad + "Noise", UNSIGNED_INT, interference ? 80 : 20 + r.nextInt(20), range(0, 255))
                .ro(rad + "Utilization", UNSIGNED_INT, interference ? 220 : 30 + r.nextInt(60), range(0, 255))
                .ro(rad + "Transmit", UNSIGNED_INT, r.nextInt(100), range(0, 255));
        String bssid = HexFormat.ofDelimiter(":").withUpperCase().formatHex(id);
        int clients = k != 1 ? 0 : spec.clientsPerNode() >= 0 ? spec.clientsPerNode() : r.nextInt(4);
        int staRcpi = interference ? 66 : spec.scenario() == MeshSpec.Scenario.WEAK_BACKHAUL && node == 2 ? 64 : 120;
        b.table(rad + "BSS.", rad + "BSSNumberOfEntries", false, (m, bss, j) -> {
            ModelBuilder bb = new ModelBuilder(m).ro(bss + "BSSID", bssid).ro(bss + "SSID", ssid)
                    .ro(bss + "Enabled", BOOLEAN, true).ro(bss + "TimeStamp", DATE_TIME, TS)
                    .ro(bss + "FronthaulUse", BOOLEAN, true).ro(bss + "BackhaulUse", BOOLEAN, k == 2);
            bb.table(bss + "STA.", bss + "STANumberOfEntries", false, (m2, sta, l) -> new ModelBuilder(m2)
                    .ro(sta + "MACAddress", TemplateContext.randomMac(r)).ro(sta + "TimeStamp", DATE_TIME, TS)
                    .ro(sta + "SignalStrength", UNSIGNED_INT, staRcpi + r.nextInt(6), range(0, 255))
                    .ro(sta + "LastDataDownlinkRate", UNSIGNED_INT, 20_000 + r.nextInt(800_000))
                    .ro(sta + "LastDataUplinkRate", UNSIGNED_INT, 10_000 + r.nextInt(400_000))
                    .ro(sta + "Hostname", "sta-" + node + "-" + l));
            bb.instances(bss + "STA.", clients);
        });
        b.instances(rad + "BSS.", 1);
    }
}
