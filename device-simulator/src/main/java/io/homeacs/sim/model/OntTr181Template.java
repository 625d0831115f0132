package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.DENY_ACTIVE;
import static io.homeacs.sim.model.ModelBuilder.HIDDEN;
import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.INT;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A GPON ONT gateway with a TR-181 data model, as it leaves the factory: PPP, VLANs, IPTV and voice
 * present but unconfigured, waiting for the ACS to push the subscriber's service.
 */
public final class OntTr181Template extends Tr181Template {
    public static final OntTr181Template INSTANCE = new OntTr181Template();
    /** The LOID, where China Telecom's TR-181 firmware keeps it; reported in every Inform as CT ONTs do. */
    public static final String LOID = "Device.X_CT-COM_UserInfo.UserName";
    private static final String[] STATUS = {"Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error"};

    private OntTr181Template() {
    }

    @Override
    public List<String> forcedInformParameters(boolean udp) {
        List<String> l = new ArrayList<>(super.forcedInformParameters(udp));
        l.add(LOID);
        return l;
    }

    @Override
    void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        b.rw(LOID, c.registrationId(), maxLen(24));
        optical(b, r);
        vlanTerminations(b);
        ppp(b);
        Tr181Common.ip(b, "", "IPCP");
        iptv(b);
        Tr181Common.wifi(b, c, r);
        Tr181Common.hosts(b, r, 1 + r.nextInt(3));
        Tr181Common.nat(b);
        Tr181Common.softwareModules(b, c.profile());
        VoiceTemplates.tr104v2(b);
        DiagnosticsTemplates.tr181(b);
        ServiceState.settle(b.model(), c, List.of(), System.nanoTime());
    }

    private static void optical(ModelBuilder b, SplittableRandom r) {
        // Dbm1000: thousandths of a dBm. Typical GPON receive level -17 to -24 dBm, transmit +1.5 to +3.5 dBm.
        int rx = -17000 - r.nextInt(7000);
        int tx = 1500 + r.nextInt(2000);
        b.table("Device.Optical.Interface.", "Device.Optical.InterfaceNumberOfEntries", false, (m, i, n) -> new ModelBuilder(m)
                .rw(i + "Enable", BOOLEAN, true).ro(i + "Status", "Up", oneOf(STATUS))
                .ro(i + "Name", "optical" + (n - 1), maxLen(64)).ro(i + "Upstream", BOOLEAN, true)
                .ro(i + "OpticalSignalLevel", INT, rx, range(-65536, 65534))
                .ro(i + "TransmitOpticalLevel", INT, tx, range(-65536, 65534))
                .ro(i + "LowerOpticalThreshold", INT, -28000, range(-127000, 0))
                .ro(i + "UpperOpticalThreshold", INT, -8000, range(-127000, 0))
                .ro(i + "LowerTransmitPowerThreshold", INT, 500, range(-63500, 63500))
                .ro(i + "UpperTransmitPowerThreshold", INT, 5000, range(-63500, 63500)))
                .instances("Device.Optical.Interface.", 1);
    }

    /**
     * VLAN termination 1 carries the internet service (PPP 1 runs over it), 2 IPTV. VLANID is
     * unsignedInt 1-4094 in TR-181 and has no default; like much real firmware the device reports 0
     * until the ACS sets one, and it refuses 0 in a SetParameterValues (9007).
     */
    private static void vlanTerminations(ModelBuilder b) {
        b.table(ServiceState.VLAN, "Device.Ethernet.VLANTerminationNumberOfEntries", true, (m, v, n) -> {
            new ModelBuilder(m).rw(v + "Enable", BOOLEAN, false).ro(v + "Status", "Down", oneOf(STATUS))
                    .ro(v + "Name", "vlan" + (n - 1), maxLen(64))
                    .rw(v + "LowerLayers", "", maxLen(1024))
                    .rw(v + "VLANID", UNSIGNED_INT, 1, range(1, 4094))
                    .rw(v + "TPID", UNSIGNED_INT, 33024, range(0, 65535));
            m.setInternal(v + "VLANID", "0");
        }).instances(ServiceState.VLAN, 2);
        for (int i = 1; i <= 2; i++) {
            String v = ServiceState.VLAN + i + ".";
            b.model().setInternal(v + "Enable", "true");
            b.model().setInternal(v + "LowerLayers", "Device.Optical.Interface.1");
        }
    }

    private static void ppp(ModelBuilder b) {
        b.table(ServiceState.PPP, "Device.PPP.InterfaceNumberOfEntries", false, (m, i, n) -> new ModelBuilder(m)
                .rw(i + "Enable", BOOLEAN, false).ro(i + "Status", "Down", oneOf(STATUS))
                .ro(i + "Name", "ppp" + (n - 1), maxLen(64))
                .ro(i + "LastChange", UNSIGNED_INT, 0, DENY_ACTIVE)
                .rw(i + "LowerLayers", ServiceState.VLAN + "1", maxLen(1024))
                .ro(i + "ConnectionStatus", "Unconfigured", oneOf("Unconfigured", "Connecting", "Authenticating",
                        "Connected", "PendingDisconnect", "Disconnecting", "Disconnected"))
                .ro(i + "LastConnectionError", "ERROR_NONE", oneOf("ERROR_NONE", "ERROR_ISP_TIME_OUT",
                        "ERROR_COMMAND_ABORTED", "ERROR_NOT_ENABLED_FOR_INTERNET", "ERROR_USER_DISCONNECT",
                        "ERROR_ISP_DISCONNECT", "ERROR_IDLE_DISCONNECT", "ERROR_FORCED_DISCONNECT",
                        "ERROR_SERVER_OUT_OF_RESOURCES", "ERROR_RESTRICTED_LOGON_HOURS", "ERROR_ACCOUNT_DISABLED",
                        "ERROR_ACCOUNT_EXPIRED", "ERROR_PASSWORD_EXPIRED", "ERROR_AUTHENTICATION_FAILURE",
                        "ERROR_NO_DIALTONE", "ERROR_NO_CARRIER", "ERROR_NO_ANSWER", "ERROR_LINE_BUSY",
                        "ERROR_UNSUPPORTED_BITSPERSECOND", "ERROR_TOO_MANY_LINE_ERRORS", "ERROR_IP_CONFIGURATION",
                        "ERROR_UNKNOWN"))
                .rw(i + "Username", "", maxLen(64))
                .rw(i + "Password", "", maxLen(64), HIDDEN)
                .rw(i + "ConnectionTrigger", "AlwaysOn", oneOf("OnDemand", "AlwaysOn", "Manual"))
                .ro(i + "IPCP.LocalIPAddress", "", maxLen(15))
                .ro(i + "IPCP.RemoteIPAddress", "", maxLen(15))
                .ro(i + "IPCP.DNSServers", ""))
                .instances(ServiceState.PPP, 1);
    }

    /**
     * IPTV as China Telecom's TR-181 firmware exposes it (a vendor object; the standard has none for
     * the ONT side): on/off, the multicast VLAN (-1 = none) and the state of the IPTV connection.
     */
    private static void iptv(ModelBuilder b) {
        String t = ServiceState.IPTV;
        b.rw(t + "Enable", BOOLEAN, false)
                .rw(t + "MulticastVlan", INT, -1, range(-1, 4094))
                .ro(t + "Interface", ServiceState.VLAN + "2", maxLen(256))
                .ro(t + "ConnectionStatus", "Disconnected", oneOf("Connected", "Disconnected"))
                .ro(t + "IPAddress", "", maxLen(15));
    }
}
