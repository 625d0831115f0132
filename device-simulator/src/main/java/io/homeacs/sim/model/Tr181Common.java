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
import java.util.SplittableRandom;

/** TR-181 (Device:2) objects common to every simulated kind. Names and types follow tr-181-2-17-0-cwmp. */
final class Tr181Common {
    static final String ROOT = "Device.";
    static final String WAN_IP = "Device.IP.Interface.1.IPv4Address.1.IPAddress";
    private static final String[] STATUS = {"Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error"};
    private static final String[] EN_STATUS = {"Disabled", "Enabled", "Error_Misconfigured", "Error"};
    private static final String[] SECURITY_MODES = {"None", "WPA2-Personal", "WPA3-Personal", "WPA2-WPA3-Personal"};

    private Tr181Common() {
    }

    static List<String> forcedInform(boolean udp) {
        List<String> l = new ArrayList<>(List.of("Device.RootDataModelVersion", "Device.DeviceInfo.HardwareVersion",
                "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.ProvisioningCode",
                "Device.ManagementServer.ParameterKey", "Device.ManagementServer.ConnectionRequestURL"));
        if (udp) {
            l.add("Device.ManagementServer.UDPConnectionRequestAddress");
        }
        l.add(WAN_IP);
        return List.copyOf(l);
    }

    static void deviceInfo(ModelBuilder b, TemplateContext c) {
        DeviceProfile p = c.profile();
        String d = "Device.DeviceInfo.";
        b.ro("Device.RootDataModelVersion", "2.17", maxLen(32))
                .ro(d + "Manufacturer", p.manufacturer(), maxLen(64))
                .ro(d + "ManufacturerOUI", p.oui(), maxLen(6))
                .ro(d + "ModelName", p.modelName(), maxLen(64))
                .ro(d + "Description", p.description(), maxLen(256))
                .ro(d + "ProductClass", p.productClass(), maxLen(64))
                .ro(d + "SerialNumber", c.serialNumber(), maxLen(64))
                .ro(d + "HardwareVersion", p.hardwareVersion(), maxLen(64))
                .ro(d + "SoftwareVersion", p.softwareVersion(), maxLen(64), FORCE_ACTIVE)
                .rw(d + "ProvisioningCode", "", maxLen(64), FORCE_ACTIVE)
                .ro(d + "UpTime", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(d + "FirstUseDate", DATE_TIME, "2024-03-0" + (1 + c.random().nextInt(9)) + "T08:00:00Z")
                .rw(d + "HostName", p.productClass().toLowerCase(java.util.Locale.ROOT), maxLen(255));
    }

    static void managementServer(ModelBuilder b, TemplateContext c, String root) {
        String m = root + "ManagementServer.";
        b.rw(m + "URL", c.acsUrl(), maxLen(256))
                .rw(m + "Username", c.acsUsername(), maxLen(256))
                .rw(m + "Password", c.acsPassword(), maxLen(256), HIDDEN)
                .rw(m + "PeriodicInformEnable", BOOLEAN, true)
                .rw(m + "PeriodicInformInterval", UNSIGNED_INT, c.informIntervalSeconds(), min(1))
                .rw(m + "PeriodicInformTime", DATE_TIME, "0001-01-01T00:00:00Z")
                .ro(m + "ParameterKey", "", maxLen(32), DENY_ACTIVE)
                .ro(m + "ConnectionRequestURL", c.connectionRequestUrl(), maxLen(256), DEFAULT_ACTIVE)
                .rw(m + "ConnectionRequestUsername", c.connectionRequestUsername(), maxLen(256))
                .rw(m + "ConnectionRequestPassword", c.connectionRequestPassword(), maxLen(256), HIDDEN)
                .rw(m + "UpgradesManaged", BOOLEAN, false)
                .ro(m + "UDPConnectionRequestAddress", c.udpConnectionRequestAddress(), maxLen(256))
                .rw(m + "STUNEnable", BOOLEAN, false)
                .rw(m + "STUNServerAddress", "", maxLen(256))
                .rw(m + "STUNServerPort", UNSIGNED_INT, 3478, range(0, 65535))
                .rw(m + "CWMPRetryMinimumWaitInterval", UNSIGNED_INT, c.retryMinWaitSeconds(), range(1, 65535))
                .rw(m + "CWMPRetryIntervalMultiplier", UNSIGNED_INT, 2000, range(1000, 65535));
        if (ROOT.equals(root)) {
            b.rw(m + "EnableCWMP", BOOLEAN, true).ro(m + "NATDetected", BOOLEAN, false);
        }
    }

    /** Device.IP: interface 1 is the WAN side, interface 2 the LAN bridge. */
    static void ip(ModelBuilder b, String wanIp, String wanAddressing) {
        b.table("Device.IP.Interface.", "Device.IP.InterfaceNumberOfEntries", false, (m, inst, n) -> {
            ModelBuilder ib = new ModelBuilder(m);
            ib.rw(inst + "Enable", BOOLEAN, true).ro(inst + "Status", "Up", oneOf(STATUS))
                    .ro(inst + "Name", n == 1 ? "wan0" : "br-lan", maxLen(64))
                    .table(inst + "IPv4Address.", inst + "IPv4AddressNumberOfEntries", true, (m2, a, k) ->
                            new ModelBuilder(m2).rw(a + "Enable", BOOLEAN, false)
                                    .ro(a + "Status", "Disabled", oneOf(EN_STATUS))
                                    .rw(a + "IPAddress", "0.0.0.0", maxLen(15))
                                    .rw(a + "SubnetMask", "0.0.0.0", maxLen(15))
                                    .ro(a + "AddressingType", "Static", oneOf("DHCP", "IKEv2", "AutoIP", "IPCP", "Static")));
            String addr = ib.model().addInstance(inst + "IPv4Address.", 1);
            m.setInternal(addr + "Enable", "true");
            m.setInternal(addr + "Status", "Enabled");
            m.setInternal(addr + "IPAddress", n == 1 ? wanIp : "192.168.1.1");
            m.setInternal(addr + "SubnetMask", n == 1 ? "255.255.255.255" : "255.255.255.0");
            m.setInternal(addr + "AddressingType", n == 1 ? wanAddressing : "Static");
        }).instances("Device.IP.Interface.", 2);
    }

    static void wifi(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        String w = "Device.WiFi.";
        b.table(w + "Radio.", w + "RadioNumberOfEntries", false, (m, inst, n) -> new ModelBuilder(m)
                .rw(inst + "Enable", BOOLEAN, true).ro(inst + "Status", "Up", oneOf(STATUS))
                .ro(inst + "Name", "wifi" + (n - 1), maxLen(64))
                .ro(inst + "SupportedFrequencyBands", n == 1 ? "2.4GHz" : "5GHz")
                .rw(inst + "OperatingFrequencyBand", n == 1 ? "2.4GHz" : "5GHz", oneOf("2.4GHz", "5GHz", "6GHz"))
                .ro(inst + "PossibleChannels", n == 1 ? "1-13" : "36,40,44,48,52,56,60,64,100,104,108,112")
                .rw(inst + "Channel", UNSIGNED_INT, n == 1 ? 1 + 5 * r.nextInt(3) : 36 + 4 * r.nextInt(4), range(1, 255))
                .ro(inst + "AutoChannelSupported", BOOLEAN, true)
                .rw(inst + "AutoChannelEnable", BOOLEAN, true)
                .rw(inst + "OperatingStandards", n == 1 ? "b,g,n,ax" : "a,n,ac,ax")
                .rw(inst + "OperatingChannelBandwidth", n == 1 ? "20MHz" : "80MHz")
                .rw(inst + "TransmitPower", INT, 100, range(-1, 100))
                .ro(inst + "Stats.Noise", INT, -(88 + r.nextInt(10))))
                .instances(w + "Radio.", 2);
        b.table(w + "SSID.", w + "SSIDNumberOfEntries", true, (m, inst, n) -> new ModelBuilder(m)
                .rw(inst + "Enable", BOOLEAN, false).ro(inst + "Status", "Down", oneOf(STATUS))
                .ro(inst + "Name", "wl" + (n - 1), maxLen(64))
                .rw(inst + "LowerLayers", "", maxLen(1024))
                .ro(inst + "BSSID", "00:00:00:00:00:00").ro(inst + "MACAddress", c.mac(r, 0x10 + (int) n))
                .rw(inst + "SSID", "", maxLen(32)))
                .instances(w + "SSID.", 2);
        String ssid = c.profile().manufacturer() + "-" + c.serialNumber().substring(Math.max(0, c.serialNumber().length() - 4));
        for (int i = 1; i <= 2; i++) {
            String s = w + "SSID." + i + ".";
            b.model().setInternal(s + "Enable", "true");
            b.model().setInternal(s + "Status", "Up");
            b.model().setInternal(s + "LowerLayers", "Device.WiFi.Radio." + i);
            b.model().setInternal(s + "BSSID", b.model().value(s + "MACAddress").orElseThrow());
            b.model().setInternal(s + "SSID", i == 1 ? ssid : ssid + "-5G");
        }
        accessPoints(b, r);
    }

    private static void accessPoints(ModelBuilder b, SplittableRandom r) {
        String w = "Device.WiFi.";
        b.table(w + "AccessPoint.", w + "AccessPointNumberOfEntries", true, (m, inst, n) -> new ModelBuilder(m)
                .rw(inst + "Enable", BOOLEAN, false).ro(inst + "Status", "Disabled", oneOf(EN_STATUS))
                .rw(inst + "SSIDReference", "", maxLen(256))
                .rw(inst + "SSIDAdvertisementEnabled", BOOLEAN, true)
                .ro(inst + "Security.ModesSupported", String.join(",", SECURITY_MODES))
                .rw(inst + "Security.ModeEnabled", "WPA2-Personal", oneOf(SECURITY_MODES))
                .rw(inst + "Security.KeyPassphrase", "", maxLen(63), HIDDEN)
                .table(inst + "AssociatedDevice.", inst + "AssociatedDeviceNumberOfEntries", false, (m2, a, k) ->
                        new ModelBuilder(m2).ro(a + "MACAddress", TemplateContext.randomMac(r))
                                .ro(a + "Active", BOOLEAN, true)
                                .ro(a + "SignalStrength", INT, -(40 + r.nextInt(25)), range(-200, 0))))
                .instances(w + "AccessPoint.", 2);
        for (int i = 1; i <= 2; i++) {
            String ap = w + "AccessPoint." + i + ".";
            b.model().setInternal(ap + "Enable", "true");
            b.model().setInternal(ap + "Status", "Enabled");
            b.model().setInternal(ap + "SSIDReference", "Device.WiFi.SSID." + i);
            b.model().setInternal(ap + "Security.KeyPassphrase", "pw" + Long.toHexString(r.nextLong()).substring(0, 10));
            b.instances(ap + "AssociatedDevice.", r.nextInt(3));
        }
    }

    static void hosts(ModelBuilder b, SplittableRandom r, int count) {
        String[] names = {"laptop-anna", "phone-ben", "tv-livingroom", "tablet-kids", "printer"};
        b.table("Device.Hosts.Host.", "Device.Hosts.HostNumberOfEntries", false, (m, inst, n) -> new ModelBuilder(m)
                .ro(inst + "PhysAddress", TemplateContext.randomMac(r), maxLen(64))
                .ro(inst + "IPAddress", "192.168.1." + (100 + n))
                .ro(inst + "AddressSource", "DHCP", oneOf("DHCP", "Static", "AutoIP", "None"))
                .ro(inst + "LeaseTimeRemaining", INT, 3600 + r.nextInt(80000), min(-1))
                .ro(inst + "InterfaceType", n % 2 == 0 ? "Ethernet" : "Wi-Fi",
                        oneOf("Ethernet", "G.hn", "HPNA", "HomePlug", "MoCA", "UPA", "Wi-Fi", "Other"))
                .ro(inst + "HostName", names[(int) ((n - 1) % names.length)], maxLen(64))
                .ro(inst + "Active", BOOLEAN, true))
                .instances("Device.Hosts.Host.", count);
    }

    static void nat(ModelBuilder b) {
        b.table("Device.NAT.PortMapping.", "Device.NAT.PortMappingNumberOfEntries", true, (m, inst, n) -> new ModelBuilder(m)
                .rw(inst + "Enable", BOOLEAN, false)
                .ro(inst + "Status", "Disabled", oneOf(EN_STATUS))
                .rw(inst + "Interface", "", maxLen(256))
                .rw(inst + "AllInterfaces", BOOLEAN, false)
                .rw(inst + "LeaseDuration", UNSIGNED_INT, 0, DENY_ACTIVE)
                .rw(inst + "RemoteHost", "")
                .rw(inst + "ExternalPort", UNSIGNED_INT, 0, range(0, 65535))
                .rw(inst + "ExternalPortEndRange", UNSIGNED_INT, 0, range(0, 65535))
                .rw(inst + "InternalPort", UNSIGNED_INT, 0, range(0, 65535))
                .rw(inst + "Protocol", "TCP", oneOf("TCP", "UDP"))
                .rw(inst + "InternalClient", "", maxLen(256))
                .rw(inst + "Description", "", maxLen(256)));
    }

    static void softwareModules(ModelBuilder b, DeviceProfile p) {
        String s = "Device.SoftwareModules.";
        b.table(s + "ExecEnv.", s + "ExecEnvNumberOfEntries", false, (m, inst, n) -> new ModelBuilder(m)
                .rw(inst + "Enable", BOOLEAN, true).ro(inst + "Status", "Up", oneOf("Up", "Error", "Disabled"))
                .ro(inst + "Name", "lxc-apps", maxLen(32)).ro(inst + "Type", "Linux Container", maxLen(64))
                .ro(inst + "Vendor", p.manufacturer(), maxLen(128)).ro(inst + "Version", "1.0", maxLen(32)))
                .instances(s + "ExecEnv.", 1);
        b.table(s + "DeploymentUnit.", s + "DeploymentUnitNumberOfEntries", false, (m, inst, n) -> new ModelBuilder(m)
                .ro(inst + "UUID", "", maxLen(36)).ro(inst + "DUID", "du-" + n, maxLen(64))
                .ro(inst + "Name", "", maxLen(256))
                .ro(inst + "Status", "Installed", oneOf("Installing", "Installed", "Updating", "Uninstalling", "Uninstalled"),
                        DENY_ACTIVE)
                .ro(inst + "Resolved", BOOLEAN, true).ro(inst + "URL", "", maxLen(1024))
                .ro(inst + "Description", "", maxLen(256)).ro(inst + "Vendor", "", maxLen(128))
                .ro(inst + "Version", "", maxLen(32)).ro(inst + "ExecutionUnitList", "")
                .ro(inst + "ExecutionEnvRef", "Device.SoftwareModules.ExecEnv.1"));
        b.ro(s + "ExecutionUnitNumberOfEntries", UNSIGNED_INT, 0);
    }
}
