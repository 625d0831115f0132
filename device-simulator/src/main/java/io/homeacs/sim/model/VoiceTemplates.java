package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.HIDDEN;
import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;

/**
 * One analogue phone port's VoIP service, unprovisioned: the SIP account, number and proxy are empty
 * and the line is off until the ACS pushes the subscriber's line. TR-181 devices carry TR-104 v2
 * (names per tr-104-2-0-0), TR-098 devices TR-104 v1, whose Line.Enable is a string.
 */
final class VoiceTemplates {
    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP"};
    private static final String[] V1_ENABLE = {"Disabled", "Quiescent", "Enabled"};

    private VoiceTemplates() {
    }

    /** Device.Services.VoiceService.1: SIP network 1, SIP client 1 on it, call-control line 1 using that client. */
    static void tr104v2(ModelBuilder b) {
        String vs = ServiceState.VOICE + "1.";
        b.ro("Device.Services.VoiceServiceNumberOfEntries", UNSIGNED_INT, 1);
        b.table(vs + "SIP.Network.", vs + "SIP.NetworkNumberOfEntries", false, (m, n, k) -> new ModelBuilder(m)
                .rw(n + "Enable", BOOLEAN, true)
                .ro(n + "Status", "Error_Other", oneOf("Up", "Resolving", "Error_DNS", "Error_Other", "Disabled"))
                .rw(n + "ProxyServer", "", maxLen(256))
                .rw(n + "ProxyServerPort", UNSIGNED_INT, 5060, range(0, 65535))
                .rw(n + "ProxyServerTransport", "UDP", oneOf(TRANSPORTS))
                .rw(n + "RegistrarServer", "", maxLen(256))
                .rw(n + "RegistrarServerPort", UNSIGNED_INT, 5060, range(0, 65535))
                .rw(n + "ServerDomain", "", maxLen(256)))
                .instances(vs + "SIP.Network.", 1);
        b.table(vs + "SIP.Client.", vs + "SIP.ClientNumberOfEntries", false, (m, cl, k) -> new ModelBuilder(m)
                .rw(cl + "Enable", BOOLEAN, true)
                .ro(cl + "Status", "Error_Misconfigured", oneOf("Up", "Initializing", "Registering", "Deregistering",
                        "Error_Misconfigured", "Error_Network", "Error_Registration", "Quiescent", "Disabled"))
                .rw(cl + "AuthUserName", "", maxLen(128))
                .rw(cl + "AuthPassword", "", maxLen(128), HIDDEN)
                .rw(cl + "Network", vs + "SIP.Network.1", maxLen(256))
                .rw(cl + "RegisterURI", "", maxLen(389)))
                .instances(vs + "SIP.Client.", 1);
        b.table(vs + "CallControl.Line.", vs + "CallControl.LineNumberOfEntries", false, (m, l, k) -> new ModelBuilder(m)
                .rw(l + "Enable", BOOLEAN, false)
                .ro(l + "Status", "Disabled", oneOf("Up", "Error", "Testing", "Quiescent", "Disabled"))
                .rw(l + "DirectoryNumber", "", maxLen(32))
                .rw(l + "Provider", vs + "SIP.Client.1", maxLen(256)))
                .instances(vs + "CallControl.Line.", 1);
    }

    /** InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1 with Line 1 (TR-104 v1). */
    static void tr104v1(ModelBuilder b) {
        String vs = ServiceState.VOICE_V1 + "1.";
        String vp = vs + "VoiceProfile.1.";
        b.ro("InternetGatewayDevice.Services.VoiceServiceNumberOfEntries", UNSIGNED_INT, 1)
                .ro(vs + "VoiceProfileNumberOfEntries", UNSIGNED_INT, 1)
                .rw(vp + "Enable", "Enabled", oneOf(V1_ENABLE))
                .rw(vp + "Name", "SIP", maxLen(64))
                .ro(vp + "NumberOfLines", UNSIGNED_INT, 1)
                .rw(vp + "SIP.ProxyServer", "", maxLen(256))
                .rw(vp + "SIP.ProxyServerPort", UNSIGNED_INT, 5060, range(0, 65535))
                .rw(vp + "SIP.ProxyServerTransport", "UDP", oneOf(TRANSPORTS))
                .rw(vp + "SIP.RegistrarServer", "", maxLen(256))
                .rw(vp + "SIP.RegistrarServerPort", UNSIGNED_INT, 5060, range(0, 65535))
                .rw(vp + "SIP.UserAgentDomain", "", maxLen(256));
        b.table(vp + "Line.", vp + "LineNumberOfEntries", false, (m, l, k) -> new ModelBuilder(m)
                .rw(l + "Enable", "Disabled", oneOf(V1_ENABLE))
                .rw(l + "DirectoryNumber", "", maxLen(32))
                .ro(l + "Status", "Disabled", oneOf("Up", "Initializing", "Registering", "Unregistering", "Error",
                        "Testing", "Quiescent", "Disabled"))
                .rw(l + "SIP.AuthUserName", "", maxLen(128))
                .rw(l + "SIP.AuthPassword", "", maxLen(128), HIDDEN)
                .rw(l + "SIP.URI", "", maxLen(389)))
                .instances(vp + "Line.", 1);
    }
}
