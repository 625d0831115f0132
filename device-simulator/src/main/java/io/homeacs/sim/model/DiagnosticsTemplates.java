package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.DENY_ACTIVE;
import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.min;
import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.DATE_TIME;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;
import static io.homeacs.sim.model.ParamType.UNSIGNED_LONG;

/**
 * The TR-143 diagnostics objects of an ONT: TR-181 {@code Device.IP.Diagnostics.} (names and types per
 * tr-181-2-17-0-cwmp) and TR-098 {@code InternetGatewayDevice.*Diagnostics.} (tr-098-1-8-0). They start
 * in state None with unknown times; {@code io.homeacs.sim.DiagnosticsRunner} runs them.
 */
public final class DiagnosticsTemplates {
    public static final String TR181 = "Device.IP.Diagnostics.";
    public static final String TR098 = "InternetGatewayDevice.";
    public static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";
    private static final String[] TRANSFER_STATES = {"None", "Requested", "Canceled", "Complete",
        "Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_InitConnectionFailed", "Error_NoResponse",
        "Error_TransferFailed", "Error_PasswordRequestFailed", "Error_LoginFailed", "Error_NoTransferMode",
        "Error_NoPASV", "Error_IncorrectSize", "Error_Timeout", "Error_Internal", "Error_Other"};
    private static final String[] PING_STATES = {"None", "Requested", "Canceled", "Complete", "Error",
        "Error_CannotResolveHostName", "Error_NoRouteToHost", "Error_MaxHopCountExceeded", "Error_Internal", "Error_Other"};

    private DiagnosticsTemplates() {
    }

    /** The vendor self-test (TR-181 / TR-098 SelfTestDiagnostics): a state and a free-text Results. */
    private static void selfTest(ModelBuilder b, String o) {
        b.rw(o + "DiagnosticsState", "None", oneOf("None", "Requested", "Complete", "Error_Internal", "Error_Other"))
                .ro(o + "Results", "", maxLen(1024));
    }

    static void tr181(ModelBuilder b) {
        selfTest(b, "Device.SelfTestDiagnostics.");
        String d = TR181 + "DownloadDiagnostics.";
        transfer(b, d, "DownloadURL");
        b.ro(d + "DownloadTransports", "HTTP").ro(d + "DownloadDiagnosticMaxConnections", UNSIGNED_INT, 1)
                .ro(d + "TestBytesReceived", UNSIGNED_LONG, 0).ro(d + "TotalBytesReceived", UNSIGNED_LONG, 0)
                .ro(d + "TotalBytesSent", UNSIGNED_LONG, 0);
        tr181Common(b, d);
        String u = TR181 + "UploadDiagnostics.";
        transfer(b, u, "UploadURL");
        b.ro(u + "UploadTransports", "HTTP").ro(u + "UploadDiagnosticsMaxConnections", UNSIGNED_INT, 1)
                .rw(u + "TestFileLength", UNSIGNED_LONG, 0).ro(u + "TestBytesSent", UNSIGNED_LONG, 0)
                .ro(u + "TotalBytesReceived", UNSIGNED_LONG, 0).ro(u + "TotalBytesSent", UNSIGNED_LONG, 0);
        tr181Common(b, u);

        String p = TR181 + "IPPing.";
        echo(b, p, 3, 64);
        b.rw(p + "ProtocolVersion", "Any", oneOf("Any", "IPv4", "IPv6")).ro(p + "IPAddressUsed", "", maxLen(45))
                .ro(p + "AverageResponseTimeDetailed", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(p + "MinimumResponseTimeDetailed", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(p + "MaximumResponseTimeDetailed", UNSIGNED_INT, 0, DENY_ACTIVE);
        String t = TR181 + "TraceRoute.";
        trace(b, t, "");
        b.rw(t + "ProtocolVersion", "Any", oneOf("Any", "IPv4", "IPv6")).ro(t + "IPAddressUsed", "", maxLen(45));
    }

    static void tr098(ModelBuilder b) {
        selfTest(b, TR098 + "SelfTestDiagnostics.");
        for (String obj : new String[] {"DownloadDiagnostics.", "UploadDiagnostics."}) {
            String d = TR098 + obj;
            transfer(b, d, obj.startsWith("Download") ? "DownloadURL" : "UploadURL");
            if (obj.startsWith("Download")) {
                b.ro(d + "TestBytesReceived", UNSIGNED_INT, 0).ro(d + "TotalBytesReceived", UNSIGNED_INT, 0);
            } else {
                b.rw(d + "TestFileLength", UNSIGNED_INT, 0).ro(d + "TotalBytesSent", UNSIGNED_INT, 0);
            }
        }
        echo(b, TR098 + "IPPingDiagnostics.", 3, 64);
        trace(b, TR098 + "TraceRouteDiagnostics.", "Hop");
    }

    /** What Download and Upload have in common in both data models. */
    private static void transfer(ModelBuilder b, String o, String urlName) {
        b.rw(o + "DiagnosticsState", "None", oneOf(TRANSFER_STATES)).rw(o + "Interface", "", maxLen(256))
                .rw(o + urlName, "", maxLen(2048)).rw(o + "DSCP", UNSIGNED_INT, 0, range(0, 63))
                .rw(o + "EthernetPriority", UNSIGNED_INT, 0, range(0, 7));
        for (String time : new String[] {"ROMTime", "BOMTime", "EOMTime", "TCPOpenRequestTime", "TCPOpenResponseTime"}) {
            b.ro(o + time, DATE_TIME, UNKNOWN_TIME, DENY_ACTIVE);
        }
    }

    private static void tr181Common(ModelBuilder b, String o) {
        b.rw(o + "ProtocolVersion", "Any", oneOf("Any", "IPv4", "IPv6"))
                .rw(o + "NumberOfConnections", UNSIGNED_INT, 1, min(1))
                .rw(o + "TimeBasedTestDuration", UNSIGNED_INT, 0, range(0, 999))
                .ro(o + "IPAddressUsed", "", maxLen(45))
                .rw(o + "EnablePerConnectionResults", BOOLEAN, false)
                .ro(o + "PerConnectionResultNumberOfEntries", UNSIGNED_INT, 0)
                .ro(o + "IncrementalResultNumberOfEntries", UNSIGNED_INT, 0);
    }

    private static void echo(ModelBuilder b, String o, int repetitions, int blockSize) {
        b.rw(o + "DiagnosticsState", "None", oneOf(PING_STATES)).rw(o + "Interface", "", maxLen(256))
                .rw(o + "Host", "", maxLen(256)).rw(o + "NumberOfRepetitions", UNSIGNED_INT, repetitions, min(1))
                .rw(o + "Timeout", UNSIGNED_INT, 1000, min(1)).rw(o + "DataBlockSize", UNSIGNED_INT, blockSize, range(1, 65535))
                .rw(o + "DSCP", UNSIGNED_INT, 0, range(0, 63))
                .ro(o + "SuccessCount", UNSIGNED_INT, 0).ro(o + "FailureCount", UNSIGNED_INT, 0)
                .ro(o + "AverageResponseTime", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(o + "MinimumResponseTime", UNSIGNED_INT, 0, DENY_ACTIVE)
                .ro(o + "MaximumResponseTime", UNSIGNED_INT, 0, DENY_ACTIVE);
    }

    /** TR-098 prefixes the hop fields with "Hop" (HopHost, HopRTTimes); TR-181 does not. */
    private static void trace(ModelBuilder b, String o, String hop) {
        b.rw(o + "DiagnosticsState", "None", oneOf(PING_STATES)).rw(o + "Interface", "", maxLen(256))
                .rw(o + "Host", "", maxLen(256)).rw(o + "NumberOfTries", UNSIGNED_INT, 3, range(1, 3))
                .rw(o + "Timeout", UNSIGNED_INT, 5000, min(1)).rw(o + "DataBlockSize", UNSIGNED_INT, 38, range(1, 65535))
                .rw(o + "DSCP", UNSIGNED_INT, 0, range(0, 63)).rw(o + "MaxHopCount", UNSIGNED_INT, 30, range(1, 64))
                .ro(o + "ResponseTime", UNSIGNED_INT, 0, DENY_ACTIVE);
        b.table(o + "RouteHops.", o + "RouteHopsNumberOfEntries", false, (m, i, n) -> new ModelBuilder(m)
                .ro(i + hop + "Host", "", maxLen(256)).ro(i + hop + "HostAddress", "", maxLen(45))
                .ro(i + hop + "ErrorCode", UNSIGNED_INT, 0).ro(i + hop + "RTTimes", ""));
    }
}
