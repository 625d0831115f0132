package io.homeacs.sim.usp.mtp;

import java.net.URI;

/**
 * Where and as whom an agent's transport connects: the controller's MTP address (ws://host:8081/usp,
 * a broker URI...), the agent's EndpointID and the controller's.
 */
public record TransportConfig(URI controllerUrl, String agentEndpointId, String controllerEndpointId) {
}
