package io.homeacs.server.cwmp.soap;

import java.util.List;

/** RequestDownload: the CPE asks the ACS to push a file. */
public record RequestDownload(String fileType, List<ArgStruct> args) implements CpeRequest {
    public RequestDownload {
        args = args == null ? List.of() : List.copyOf(args);
    }

    @Override
    public String methodName() {
        return "RequestDownload";
    }
}
