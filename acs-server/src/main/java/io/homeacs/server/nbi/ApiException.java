package io.homeacs.server.nbi;

/** An API error with the HTTP status it maps to and a message safe to show the caller. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
