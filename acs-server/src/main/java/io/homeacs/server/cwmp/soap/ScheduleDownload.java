package io.homeacs.server.cwmp.soap;

import java.util.List;

/** ScheduleDownload. */
public record ScheduleDownload(String commandKey, String fileType, String url, String username,
                               String password, long fileSize, String targetFileName, List<TimeWindow> windows)
        implements RpcRequest {
    public ScheduleDownload {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    @Override
    public String methodName() {
        return "ScheduleDownload";
    }
}
