package io.homeacs.server.nbi;

import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reads request bodies as JSON objects and writes maps and lists as JSON; bodies are capped. */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
final class JsonProvider implements MessageBodyReader<Map<String, Object>>, MessageBodyWriter<Object> {
    static final int MAX_BODY = 1 << 20;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Map.class.isAssignableFrom(type);
    }

    @Override
    public Map<String, Object> readFrom(Class<Map<String, Object>> type, Type genericType, Annotation[] annotations,
                                        MediaType mediaType, MultivaluedMap<String, String> headers, InputStream in)
        throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
        }
        if (body.length == 0) {
            throw new JsonException("request body must be a JSON object");
        }
        return Json.parseObject(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Map.class.isAssignableFrom(type) || List.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object o, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(Json.write(o).getBytes(StandardCharsets.UTF_8));
    }
}
