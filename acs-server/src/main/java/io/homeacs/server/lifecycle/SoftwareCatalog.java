package io.homeacs.server.lifecycle;

import java.util.List;

/**
 * Which software versions the operator has approved. Today the operator's own list
 * ({@link OperatorCatalog}); the firmware catalogue of the firmware-campaign work will implement
 * this too and replace it without the tamper checks changing.
 */
public interface SoftwareCatalog {
    /** model is the device's ModelName, or its ProductClass while the model is not known. */
    Judgement judgeSoftware(String model, String softwareVersion);

    /** The approved versions for the model (for proof and reports); empty when not listed. */
    List<String> approvedVersions(String model);

    /** Grows whenever the catalogue changes, so cached judgements know to be made again. */
    long generation();
}
