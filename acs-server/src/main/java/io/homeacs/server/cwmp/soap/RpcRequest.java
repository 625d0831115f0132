package io.homeacs.server.cwmp.soap;

/** An ACS-initiated RPC sent to the CPE. */
public sealed interface RpcRequest extends AcsMessage permits GetRpcMethods, GetParameterNames, GetParameterValues,
        SetParameterValues, GetParameterAttributes, SetParameterAttributes, AddObject, DeleteObject, Reboot,
        FactoryReset, Download, Upload, ScheduleInform, ScheduleDownload, CancelTransfer, GetAllQueuedTransfers,
        ChangeDuState {

    /** The element name of the response the CPE is expected to send. */
    default String responseName() {
        return methodName() + "Response";
    }
}
