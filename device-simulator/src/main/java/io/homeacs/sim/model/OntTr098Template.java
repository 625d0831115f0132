package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.DEFAULT_ACTIVE;
import static io.homeacs.sim.model.ModelBuilder.DENY_ACTIVE;
import static io.homeacs.sim.model.ModelBuilder.FORCE_ACTIVE;
import static io.homeacs.sim.model.ModelBuilder.HIDDEN;
import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.min;
import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.DATE_TIME;
import static io.homeacs.sim.model.ParamType.INT;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A legacy ONT with the TR-098 InternetGatewayDevice:1 model and China Telecom (X_CT-COM) extensions,
 * as it leaves the factory: WAN connection device 1 holds the internet PPP connection, 2 the IPTV IPoE
 * connection, both unconfigured. Booleans are reported as "1"/"0", as such firmware commonly does,
 * which an ACS must accept just like "true"/"false".
 */
public final class OntTr098Template implements DeviceTemplate {
    public static final OntTr098Template INSTANCE = new OntTr098Template();
    static final String ROOT = "InternetGatewayDevice.";
    /** The LOID; CT firmware reports it in every Inform. */
    public static final String LOID = ROOT + "X_CT-COM_UserInfo.UserName";
    private static final String WAN = ROOT + "WANDevice.1.";
    private static final String PPP = ServiceState.WCD + "1.WANPPPConnection.";
    private static final String IPTV = ServiceState.WCD + "2.WANIPConnection.";
    static final String WAN_IP = PPP + "1.ExternalIPAddress";
    private static final String[] CONNECTION_TYPES = {"Unconfigured", "IP_Routed", "IP_Bridged"};

    private OntTr098Template() {
    }

    @Override
    public String root() {
        return ROOT;
    }

    @Override
    public List<String> forcedInformParameters(boolean udp) {
        List<String> l = new ArrayList<>(List.of(ROOT + "DeviceSummary", ROOT + "DeviceInfo.SpecVersion",
                ROOT + "DeviceInfo.HardwareVersion", ROOT + "DeviceInfo.SoftwareVersion",
                ROOT + "DeviceInfo.ProvisioningCode", ROOT + "ManagementServer.ConnectionRequestURL",
                ROOT + "ManagementServer.ParameterKey"));
        if (udp) {
            l.add(ROOT + "ManagementServer.UDPConnectionRequestAddress");
        }
        l.add(WAN_IP);
        l.add(LOID);
        return List.copyOf(l);
    }

    @Override
    public DataModel build(TemplateContext c) {
        DataModel m = new DataModel(ROOT);
        ModelBuilder b = new ModelBuilder(m);
        SplittableRandom r = c.random();
        b.ro(ROOT + "DeviceSummary", "InternetGatewayDevice:1.4[](Baseline:2, EthernetLAN:1, WiFiLAN:1)", maxLen(1024));
        deviceInfo(b, c, r);
        Tr181Common.managementServer(b, c, ROOT);
        b.ro(ROOT + "LANDeviceNumberOfEntries", UNSIGNED_INT, 1).ro(ROOT + "WANDeviceNumberOfEntries", UNSIGNED_INT, 1);
        b.rw(LOID, c.registrationId(), maxLen(24));
        wan(b, c, r);
        iptv(b);
        lan(b, c, r);
        VoiceTemplates.tr104v1(b);
        DiagnosticsTemplates.tr098(b);
        ServiceState.settle(m, c, List.of(), System.nanoTime());
        return m;
    }

    private static void deviceInfo(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        DeviceProfile p = c.profile();
        String d = ROOT + "DeviceInfo.";
        b.ro(d + "Manufacturer", p.manufacturer(), maxLen(64)).ro(d + "ManufacturerOUI", p.oui(), maxLen(6))
                .ro(d + "ModelName", p.modelName(), maxLen(64)).ro(d + "Description", p.description(), maxLen(256))
                .ro(d + "ProductClass", p.productClass(), maxLen(64)).ro(d + "SerialNumber", c.serialNumber(), maxLen(64))
                .ro(d + "HardwareVersion", p.hardwareVersion(), maxLen(64))
                .ro(d + "SoftwareVersion", p.softwareVersion(), maxLen(64), FORCE_ACTIVE)
                .ro(d + "SpecVersion", "1.0", maxLen(16))
                .rw(d + "ProvisioningCode", "", maxLen(64), FORCE_ACTIVE)
                .ro(d + "UpTime", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(d + "FirstUseDate", DATE_TIME, "2021-06-1" + r.nextInt(10) + "T09:30:00Z");
    }

    private static void wan(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        b.ro(WAN + "WANConnectionNumberOfEntries", UNSIGNED_INT, 2)
                .ro(ServiceState.WCD + "1.WANIPConnectionNumberOfEntries", UNSIGNED_INT, 0);
        linkConfig(b, 1);
        // Vendor extension as found on CT-COM GPON firmware: optical levels as decimal dBm strings.
        String g = WAN + "X_CT-COM_GponInterfaceConfig.";
        b.ro(g + "Status", "Up").ro(g + "RXPower", String.format(Locale.ROOT, "%.2f", -17.0 - r.nextInt(700) / 100.0))
                .ro(g + "TXPower", String.format(Locale.ROOT, "%.2f", 1.5 + r.nextInt(200) / 100.0))
                .ro(g + "TransceiverTemperature", INT, 38 + r.nextInt(15));
        b.table(PPP, ServiceState.WCD + "1.WANPPPConnectionNumberOfEntries", false, (m, i, n) -> new ModelBuilder(m)
                .rw(i + "Enable", BOOLEAN, "0")
                .ro(i + "ConnectionStatus", "Unconfigured", oneOf("Unconfigured", "Connecting", "Authenticating",
                        "Connected", "PendingDisconnect", "Disconnecting", "Disconnected"))
                .rw(i + "ConnectionType", "IP_Routed", oneOf("Unconfigured", "IP_Routed", "DHCP_Spoofed",
                        "PPPoE_Bridged", "PPTP_Relay", "L2TP_Relay", "PPPoE_Relay"))
                .rw(i + "Name", "INTERNET_R", maxLen(256))
                .ro(i + "Uptime", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(i + "LastConnectionError", "ERROR_NONE")
                .rw(i + "NATEnabled", BOOLEAN, "1")
                .rw(i + "Username", "", maxLen(64))
                .rw(i + "Password", "", maxLen(64), HIDDEN)
                .rw(i + "ExternalIPAddress", "", DEFAULT_ACTIVE)
                .ro(i + "RemoteIPAddress", "")
                .rw(i + "DNSServers", "", maxLen(64))
                .rw(i + "MACAddress", c.mac(r, 1))
                .rw(i + "ConnectionTrigger", "AlwaysOn", oneOf("OnDemand", "AlwaysOn", "Manual"))
                .rw(i + "X_CT-COM_ServiceList", "INTERNET", maxLen(64))
                .ro(i + "PortMappingNumberOfEntries", UNSIGNED_INT, 0));
        b.instances(PPP, 1);
    }

    /**
     * CT's per-connection-device GPON link settings; VLANIDMark 0 means no VLAN tag yet (factory).
     * 802-1pMark is the priority bit the tagged frames carry.
     */
    private static void linkConfig(ModelBuilder b, int wcd) {
        String g = ServiceState.WCD + wcd + ".X_CT-COM_WANGponLinkConfig.";
        b.rw(g + "Enable", BOOLEAN, "1")
                .rw(g + "VLANIDMark", UNSIGNED_INT, 0, range(0, 4094))
                .rw(g + "802-1pMark", UNSIGNED_INT, 0, range(0, 7));
    }

    /**
     * Connection device 2: the IPTV service, an IPoE connection that gets its address from the IPTV
     * network's DHCP once enabled, and joins multicast on X_CT-COM_MulticastVlan (-1 = none).
     */
    private static void iptv(ModelBuilder b) {
        b.ro(ServiceState.WCD + "2.WANPPPConnectionNumberOfEntries", UNSIGNED_INT, 0);
        linkConfig(b, 2);
        b.table(IPTV, ServiceState.WCD + "2.WANIPConnectionNumberOfEntries", false, (m, i, n) -> new ModelBuilder(m)
                .rw(i + "Enable", BOOLEAN, "0")
                .ro(i + "ConnectionStatus", "Disconnected", oneOf("Unconfigured", "Connecting", "Connected",
                        "PendingDisconnect", "Disconneting", "Disconnecting", "Disconnected"))
                .rw(i + "ConnectionType", "IP_Routed", oneOf(CONNECTION_TYPES))
                .rw(i + "Name", "OTHER_R", maxLen(256))
                .ro(i + "Uptime", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(i + "LastConnectionError", "ERROR_NONE")
                .rw(i + "NATEnabled", BOOLEAN, "0")
                .rw(i + "AddressingType", "DHCP", oneOf("DHCP", "Static"))
                .rw(i + "ExternalIPAddress", "", maxLen(15))
                .rw(i + "SubnetMask", "", maxLen(15))
                .rw(i + "DefaultGateway", "", maxLen(15))
                .rw(i + "DNSServers", "", maxLen(64))
                .rw(i + "X_CT-COM_ServiceList", "OTHER", maxLen(64))
                .rw(i + "X_CT-COM_MulticastVlan", INT, -1, range(-1, 4094)));
        b.instances(IPTV, 1);
    }

    private static void lan(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        String lan = ROOT + "LANDevice.1.";
        String ssid = c.profile().manufacturer() + "-" + c.serialNumber().substring(Math.max(0, c.serialNumber().length() - 4));
        b.table(lan + "WLANConfiguration.", lan + "LANWLANConfigurationNumberOfEntries", false, (m, w, n) -> new ModelBuilder(m)
                .rw(w + "Enable", BOOLEAN, "1").ro(w + "Status", "Up", oneOf("Up", "Error", "Disabled"))
                .ro(w + "Name", "wl" + (n - 1), maxLen(16)).ro(w + "BSSID", c.mac(r, 0x10 + (int) n))
                .rw(w + "Channel", UNSIGNED_INT, n == 1 ? 6 : 36, range(0, 255))
                .rw(w + "AutoChannelEnable", BOOLEAN, "1")
                .rw(w + "SSID", n == 1 ? ssid : ssid + "-5G", maxLen(32))
                .rw(w + "BeaconType", "11i", oneOf("None", "Basic", "WPA", "11i", "BasicandWPA", "Basicand11i",
                        "WPAand11i", "BasicandWPAand11i"))
                .ro(w + "Standard", n == 1 ? "n" : "a", oneOf("a", "b", "g", "g-only", "n"))
                .rw(w + "KeyPassphrase", "", maxLen(63), HIDDEN)
                .rw(w + "SSIDAdvertisementEnabled", BOOLEAN, "1")
                .rw(w + "RadioEnabled", BOOLEAN, "1")
                .ro(w + "TotalAssociations", UNSIGNED_INT, r.nextInt(4), DENY_ACTIVE)
                .rw(w + "PreSharedKey.1.PreSharedKey", "", maxLen(64), HIDDEN)
                .rw(w + "PreSharedKey.1.KeyPassphrase", "pw" + Long.toHexString(r.nextLong()).substring(0, 10),
                        maxLen(63), HIDDEN));
        b.instances(lan + "WLANConfiguration.", 2);
        String[] names = {"desktop-pc", "phone-cara", "smart-tv", "nas"};
        b.table(lan + "Hosts.Host.", lan + "Hosts.HostNumberOfEntries", false, (m, h, n) -> new ModelBuilder(m)
                .ro(h + "IPAddress", "192.168.1." + (1 + n)).ro(h + "AddressSource", "DHCP", oneOf("DHCP", "Static", "AutoIP"))
                .ro(h + "LeaseTimeRemaining", INT, 86400 - r.nextInt(80000), min(-1), DENY_ACTIVE)
                .ro(h + "MACAddress", TemplateContext.randomMac(r)).ro(h + "HostName", names[(int) ((n - 1) % names.length)])
                .ro(h + "InterfaceType", n % 2 == 0 ? "802.11" : "Ethernet",
                        oneOf("Ethernet", "USB", "802.11", "HomePNA", "HomePlug", "MoCA", "Other"))
                .ro(h + "Active", BOOLEAN, "1"));
        b.instances(lan + "Hosts.Host.", 1 + r.nextInt(4));
    }
}
