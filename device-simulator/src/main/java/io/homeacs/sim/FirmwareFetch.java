package io.homeacs.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * A download that resumes: when the connection drops mid-body, it asks again for the rest with
 * {@code Range: bytes=n-} and {@code If-Range: <etag>}, as CPEs with resumable downloaders do. A
 * server that answers 200 to that (no ranges, or the file changed) is read from the start again,
 * skipping what was already consumed only if the ETag is unchanged.
 */
final class FirmwareFetch extends InputStream {
    static final int MAX_RESUMES = 3;

    /** An HTTP status other than 200/206, with the status for the fault string. */
    static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpStatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    private final FileTransferClient client;
    private final URI url;
    private final String user;
    private final String password;
    private InputStream body;
    private String etag;
    private long position;
    private long length = -1;
    private int resumes;

    private FirmwareFetch(FileTransferClient client, URI url, String user, String password) {
        this.client = client;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static FirmwareFetch open(FileTransferClient client, URI url, String user, String password) throws IOException {
        FirmwareFetch f = new FirmwareFetch(client, url, user, password);
        f.connect(false);
        return f;
    }

    int resumes() {
        return resumes;
    }

    /** The full length the server announced, or -1. */
    long length() {
        return length;
    }

    private void connect(boolean resume) throws IOException {
        HttpResponse<InputStream> r;
        try {
            r = client.get(url, user, password, resume ? position : 0, etag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = r.statusCode();
        if (status == 206 && resume) {
            body = r.body();
            return;
        }
        if (status != 200) {
            r.body().close();
            throw new HttpStatusException(status);
        }
        Optional<String> tag = r.headers().firstValue("ETag");
        if (resume) {
            if (etag == null || !tag.map(etag::equals).orElse(false)) {
                r.body().close();
                throw new IOException("the file changed while it was being downloaded");
            }
            InputStream in = r.body();
            in.skipNBytes(position);
            body = in;
            return;
        }
        etag = tag.orElse(null);
        length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        body = r.body();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = body.read(b, off, len);
                if (n < 0 && length >= 0 && position < length) {
                    throw new IOException("connection closed at byte " + position + " of " + length);
                }
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (HttpStatusException e) {
                throw e;
            } catch (IOException e) {
                if (resumes >= MAX_RESUMES || etag == null) {
                    throw e;
                }
                resumes++;
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the old connection is gone either way
                }
                connect(true);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
