package io.homeacs.server.cwmp.soap;

/** A CPE response to an ACS-initiated RPC. */
public sealed interface RpcResponse extends CpeMessage permits GetRpcMethodsResponse, GetParameterNamesResponse,
        GetParameterValuesResponse, SetParameterValuesResponse, GetParameterAttributesResponse,
        SetParameterAttributesResponse, AddObjectResponse, DeleteObjectResponse, RebootResponse, FactoryResetResponse,
        DownloadResponse, UploadResponse, ScheduleInformResponse, ScheduleDownloadResponse, CancelTransferResponse,
        GetAllQueuedTransfersResponse, ChangeDuStateResponse {
}
