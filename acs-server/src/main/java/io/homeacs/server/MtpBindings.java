package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.RecordSink;
import io.homeacs.server.usp.mtp.coap.CoapBinding;
import io.homeacs.server.usp.mtp.mqtt.MqttBinding;
import io.homeacs.server.usp.mtp.stomp.StompBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * Wiring, not part of usp.mtp (whose sub-packages implement its contracts, so a factory there would close
 * a package cycle). The brokered and CoAP bindings the configuration enables (MQTT, STOMP, CoAP; the WebSocket binding is the
 * controller's own). The controller's set-up starts each with its {@link RecordSink} and closes them on shutdown.
 */
public final class MtpBindings {
    private MtpBindings() {
    }

    public static List<MtpBinding> fromConfig(AcsConfig config, String controllerEndpointId, AcsMetrics metrics) {
        return fromConfig(config.mtp(), controllerEndpointId, metrics);
    }

    /** In the order MQTT, STOMP, CoAP; empty when none is enabled (the default). */
    public static List<MtpBinding> fromConfig(MtpConfig mtp, String controllerEndpointId, AcsMetrics metrics) {
        List<MtpBinding> bindings = new ArrayList<>();
        if (mtp.mqtt().enabled()) {
            bindings.add(new MqttBinding(mtp.mqtt(), mtp.maxRecordBytes(), controllerEndpointId, metrics));
        }
        if (mtp.stomp().enabled()) {
            bindings.add(new StompBinding(mtp.stomp(), mtp.maxRecordBytes(), controllerEndpointId, metrics));
        }
        if (mtp.coap().enabled()) {
            bindings.add(new CoapBinding(mtp.coap(), mtp.maxRecordBytes(), metrics));
        }
        return List.copyOf(bindings);
    }
}
