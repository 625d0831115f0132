package io.homeacs.server.cwmp.soap;

/** A CPE-initiated request that the ACS must answer. */
public sealed interface CpeRequest extends CpeMessage permits Inform, TransferComplete, AutonomousTransferComplete,
        CpeGetRpcMethods, RequestDownload, DuStateChangeComplete, AutonomousDuStateChangeComplete {
}
