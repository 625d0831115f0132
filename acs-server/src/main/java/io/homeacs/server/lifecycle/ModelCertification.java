package io.homeacs.server.lifecycle;

/** Which device models are certified for the network (uncertified ones may harm it: agreement 002 §六(三)2). */
public interface ModelCertification {
    /** NOT_LISTED when the operator keeps no list at all, so an empty list flags nobody. */
    Judgement judgeModel(String model);

    long generation();
}
