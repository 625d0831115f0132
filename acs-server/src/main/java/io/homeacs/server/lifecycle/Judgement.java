package io.homeacs.server.lifecycle;

/** What a catalogue says about a model or a software version. */
public enum Judgement {
    APPROVED,
    NOT_APPROVED,
    /** The catalogue has nothing for this model, so it cannot judge: never evidence by itself. */
    NOT_LISTED
}
