package io.homeacs.server.usp.mtp.coap;

import io.homeacs.server.usp.mtp.AgentLink;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;

/**
 * An agent's CoAP resource, named by the reply-to of its last request. A record goes out as a new
 * confirmable POST carrying the controller's own URI as reply-to; the send completes on the agent's
 * 2.xx and fails on an error code, a timeout or a rejection. Equal by URI.
 */
final class CoapAgentLink implements AgentLink {
    private final CoapBinding binding;
    private final URI uri;

    CoapAgentLink(CoapBinding binding, URI uri) {
        this.binding = binding;
        this.uri = uri;
    }

    @Override
    public String mtp() {
        return "coap";
    }

    @Override
    public String address() {
        return uri.toString();
    }

    @Override
    public CompletableFuture<Void> send(byte[] record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (record.length > binding.maxRecordBytes()) {
            binding.count("send-too-large");
            done.completeExceptionally(new IllegalArgumentException("record of " + record.length
                + " bytes exceeds usp.max-record-bytes"));
            return done;
        }
        Endpoint endpoint = binding.endpointFor(uri.getScheme());
        if (endpoint == null) {
            done.completeExceptionally(new IllegalStateException("no " + uri.getScheme() + " endpoint to reach " + uri));
            return done;
        }
        Request post = Request.newPost();
        post.setURI(uri);
        post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM)
            .addUriQuery("reply-to=" + binding.ownUri(uri.getScheme()));
        post.setPayload(record);
        post.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                if (response.isSuccess()) {
                    binding.count("sent");
                    done.complete(null);
                } else {
                    fail(new IllegalStateException(uri + " answered " + response.getCode()));
                }
            }

            @Override
            public void onTimeout() {
                fail(new IllegalStateException(uri + " did not answer"));
            }

            @Override
            public void onReject() {
                fail(new IllegalStateException(uri + " rejected the request"));
            }

            @Override
            public void onCancel() {
                fail(new IllegalStateException("request to " + uri + " cancelled"));
            }

            @Override
            protected void failed() {
                fail(new IllegalStateException("request to " + uri + " failed: " + post.getSendError()));
            }

            private void fail(Exception e) {
                if (done.completeExceptionally(e)) {
                    binding.count("send-failed");
                }
            }
        });
        endpoint.sendRequest(post);
        return done;
    }

    /** CoAP has no connection: the agent is reachable whenever the endpoint is up. */
    @Override
    public boolean isOpen() {
        return binding.isRunning();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoapAgentLink other && other.uri.equals(uri) && other.binding == binding;
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return address();
    }
}
