package io.homeacs.server.campaign;

/** A campaign request that cannot be carried out: the campaign or image is missing, or the state forbids it. */
public final class CampaignException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public CampaignException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
