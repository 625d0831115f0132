package io.homeacs.server.cwmp.soap;

/** A message sent by the ACS: a response to a CPE request, an ACS-initiated RPC or a fault. */
public sealed interface AcsMessage permits InformResponse, TransferCompleteResponse,
        AutonomousTransferCompleteResponse, AcsGetRpcMethodsResponse, RequestDownloadResponse,
        DuStateChangeCompleteResponse, AutonomousDuStateChangeCompleteResponse, RpcRequest, CwmpFault {
    /** The CWMP element name on the wire, e.g. "InformResponse" or "Fault". */
    String methodName();
}
