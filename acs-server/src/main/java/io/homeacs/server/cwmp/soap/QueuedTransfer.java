package io.homeacs.server.cwmp.soap;

/** AllQueuedTransferStruct from GetAllQueuedTransfersResponse. */
public record QueuedTransfer(String commandKey, int state, boolean isDownload, String fileType, long fileSize,
                             String targetFileName) {
}
