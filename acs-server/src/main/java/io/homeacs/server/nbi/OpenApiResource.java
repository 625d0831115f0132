package io.homeacs.server.nbi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * GET /api/v1/openapi.json: the hand-written OpenAPI document, public so that tools can fetch it
 * before anyone has a token. It is read once here: a missing or unreadable document then fails the
 * server start instead of the first request.
 */
@Path("/api/v1/openapi.json")
public final class OpenApiResource {
    static final String RESOURCE = "/openapi/openapi.json";

    private final byte[] document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        // As bytes, the document leaves exactly as stored: no provider parses, re-encodes or reformats it.
        return document.clone();
    }
}
