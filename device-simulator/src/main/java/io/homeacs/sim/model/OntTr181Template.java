package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.HIDDEN;
import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.INT;

import java.util.SplittableRandom;

/** A GPON ONT gateway with a TR-181 data model. */
public final class OntTr181Template extends Tr181Template {
    public static final OntTr181Template INSTANCE = new OntTr181Template();
    private static final String[] STATUS = {"Up", "Down", "Unknown", "Dormant", "NotPresent", "LowerLayerDown", "Error"};

    private OntTr181Template() {
    }

    @Override
    void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        optical(b, r);
        String wanIp = TemplateContext.wanIp(r);
        ppp(b, c, wanIp);
        Tr181Common.ip(b, wanIp, "IPCP");
        Tr181Common.wifi(b, c, r);
        Tr181Common.hosts(b, r, 1 + r.nextInt(3));
        Tr181Common.nat(b);
        Tr181Common.softwareModules(b, c.profile());
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

    private static void ppp(ModelBuilder b, TemplateContext c, String wanIp) {
        b.table("Device.PPP.Interface.", "Device.PPP.InterfaceNumberOfEntries", false, (m, i, n) -> new ModelBuilder(m)
                .rw(i + "Enable", BOOLEAN, true).ro(i + "Status", "Up", oneOf(STATUS))
                .ro(i + "Name", "ppp" + (n - 1), maxLen(64))
                .rw(i + "LowerLayers", "Device.Optical.Interface.1", maxLen(1024))
                .ro(i + "ConnectionStatus", "Connected", oneOf("Unconfigured", "Connecting", "Authenticating",
                        "Connected", "PendingDisconnect", "Disconnecting", "Disconnected"))
                .ro(i + "LastConnectionError", "ERROR_NONE", oneOf("ERROR_NONE", "ERROR_ISP_TIME_OUT",
                        "ERROR_COMMAND_ABORTED", "ERROR_NOT_ENABLED_FOR_INTERNET", "ERROR_USER_DISCONNECT",
                        "ERROR_ISP_DISCONNECT", "ERROR_IDLE_DISCONNECT", "ERROR_FORCED_DISCONNECT",
                        "ERROR_SERVER_OUT_OF_RESOURCES", "ERROR_RESTRICTED_LOGON_HOURS", "ERROR_ACCOUNT_DISABLED",
                        "ERROR_ACCOUNT_EXPIRED", "ERROR_PASSWORD_EXPIRED", "ERROR_AUTHENTICATION_FAILURE",
                        "ERROR_NO_DIALTONE", "ERROR_NO_CARRIER", "ERROR_NO_ANSWER", "ERROR_LINE_BUSY",
                        "ERROR_UNSUPPORTED_BITSPERSECOND", "ERROR_TOO_MANY_LINE_ERRORS", "ERROR_IP_CONFIGURATION",
                        "ERROR_UNKNOWN"))
                .rw(i + "Username", c.serialNumber().toLowerCase(java.util.Locale.ROOT) + "@fiber.example", maxLen(64))
                .rw(i + "Password", "ppp-" + c.serialNumber(), maxLen(64), HIDDEN)
                .rw(i + "ConnectionTrigger", "AlwaysOn", oneOf("OnDemand", "AlwaysOn", "Manual"))
                .ro(i + "IPCP.LocalIPAddress", wanIp, maxLen(15))
                .ro(i + "IPCP.RemoteIPAddress", "100.64.0.1", maxLen(15))
                .ro(i + "IPCP.DNSServers", "100.64.0.53,100.64.1.53"))
                .instances("Device.PPP.Interface.", 1);
    }
}
