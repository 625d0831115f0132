package io.homeacs.server.cwmp.soap;

import java.util.List;

/** ChangeDUState. */
public record ChangeDuState(String commandKey, List<DuOperation> operations) implements RpcRequest {
    public ChangeDuState {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    @Override
    public String methodName() {
        return "ChangeDUState";
    }
}
