package io.homeacs.server.usp.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

class EndpointIdTest {
    @Test
    void fromTheQueryOrTheBbfExtension() {
        assertThat(AgentConnection.endpointId(new QueryStringDecoder("/usp?eid=os%3A%3A00D09E-123"),
            new DefaultHttpHeaders())).isEqualTo("os::00D09E-123");
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.add("Sec-WebSocket-Extensions", "permessage-deflate, bbf-usp-protocol; eid=\"os::00D09E-456\"");
        assertThat(AgentConnection.endpointId(new QueryStringDecoder("/usp"), h)).isEqualTo("os::00D09E-456");
        assertThat(AgentConnection.endpointId(new QueryStringDecoder("/usp"), new DefaultHttpHeaders())).isNull();
    }
}
