package io.homeacs.server.config;

import java.util.List;

/** The settings of the brokered and CoAP USP MTPs (kept apart so the main catalogue stays readable). */
final class MtpSettings {

    static final List<Setting> ALL = List.of(
        new Setting("usp.mqtt.enabled", "false", "Whether the controller listens for USP Records over MQTT 5 (needs a broker)."),
        new Setting("usp.mqtt.host", "127.0.0.1", "MQTT broker host."),
        new Setting("usp.mqtt.port", "1883", "MQTT broker port (8883 is usual with usp.mqtt.tls)."),
        new Setting("usp.mqtt.tls", "false", "Connect to the broker over TLS, trusting the JDK's default CA certificates."),
        new Setting("usp.mqtt.username", "", "Broker username; empty = connect without credentials."),
        new Setting("usp.mqtt.password", "", "Broker password."),
        new Setting("usp.mqtt.client-id", "", "MQTT client identifier; empty = derived from the controller's endpoint id."),
        new Setting("usp.mqtt.topic", "usp/controller", "Topic the controller subscribes to; agents publish their Records here "
            + "and the controller sets it as the Response Topic of what it sends."),
        new Setting("usp.mqtt.keep-alive-seconds", "60", "MQTT keep-alive; a broker that stays silent longer is taken as lost "
            + "and the client reconnects."),
        new Setting("usp.stomp.enabled", "false", "Whether the controller listens for USP Records over STOMP 1.2 (needs a broker)."),
        new Setting("usp.stomp.host", "127.0.0.1", "STOMP broker host."),
        new Setting("usp.stomp.port", "61613", "STOMP broker port."),
        new Setting("usp.stomp.tls", "false", "Connect to the broker over TLS, trusting the JDK's default CA certificates."),
        new Setting("usp.stomp.virtual-host", "/", "Value of the STOMP host header (the broker's virtual host)."),
        new Setting("usp.stomp.username", "", "STOMP login; empty = none (RabbitMQ then uses its default user)."),
        new Setting("usp.stomp.password", "", "STOMP passcode."),
        new Setting("usp.stomp.destination", "/queue/usp.controller", "Destination the controller subscribes to, unless the "
            + "broker assigns one in CONNECTED (subscribe-dest)."),
        new Setting("usp.stomp.heartbeat-seconds", "30", "STOMP heart-beat both ways; 0 = none. A broker silent for twice "
            + "this long is taken as lost and the client reconnects."),
        new Setting("usp.coap.enabled", "false", "Whether the controller serves a CoAP resource for USP Records."),
        new Setting("usp.coap.bind", "0.0.0.0", "Address the CoAP (UDP) and CoAPS (DTLS) endpoints bind to."),
        new Setting("usp.coap.port", "5683", "CoAP port; 0 picks a free port, -1 switches plain CoAP off (DTLS only)."),
        new Setting("usp.coap.path", "/usp", "Path of the controller's CoAP resource."),
        new Setting("usp.coap.host", "", "Host name or address agents reach the controller at, put in the reply-to of what the "
            + "controller sends; empty = usp.coap.bind, or this machine's address when that is a wildcard."),
        new Setting("usp.coap.dtls-port", "-1", "CoAP over DTLS port (5684 is usual); 0 picks a free port, -1 = off."),
        new Setting("usp.coap.dtls-psk-identity", "", "DTLS pre-shared key identity agents use; empty = no PSK."),
        new Setting("usp.coap.dtls-psk-secret", "", "DTLS pre-shared key (text, used as UTF-8 bytes); required with an identity."),
        new Setting("usp.coap.dtls-keystore", "", "PKCS12 keystore with the controller's DTLS key and certificate (x509); "
            + "empty = no certificate."),
        new Setting("usp.coap.dtls-keystore-password", "", "Password of the DTLS keystore and its key.")
    );

    private MtpSettings() {
    }
}
