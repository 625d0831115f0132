package io.homeacs.server.cwmp.soap;

/** Reboot. */
public record Reboot(String commandKey) implements RpcRequest {
    @Override
    public String methodName() {
        return "Reboot";
    }
}
