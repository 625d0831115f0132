package io.homeacs.server.cwmp.soap;

/**
 * A message received from the CPE: a CPE-initiated request, an RPC response or a fault. Decoded messages never
 * hold null: string fields the CPE left out are "", numbers 0, faults {@link FaultStruct#NONE}, lists empty.
 */
public sealed interface CpeMessage permits CpeRequest, RpcResponse, CwmpFault {
    /** The CWMP element name on the wire, e.g. "Inform" or "Fault". */
    String methodName();
}
