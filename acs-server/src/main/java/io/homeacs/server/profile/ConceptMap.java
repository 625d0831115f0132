package io.homeacs.server.profile;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.List;
import java.util.Optional;

/**
 * The normalised names a profile may use instead of paths ("wifiSsid2g"), seen through the few
 * questions the engine asks; {@link NormalizationConcepts} answers them from the device package's
 * mapping, tests answer them with fakes.
 */
public interface ConceptMap {
    boolean knows(String concept);

    boolean isSecret(String concept);

    /** The paths (with {i} for any instance) the concept may live at, for overlap checks between profiles. */
    List<String> sourcePaths(String concept);

    /** Whether the concept may live at this concrete path on some device. */
    boolean covers(String concept, String path);

    /**
     * The parameter to set on this device so it holds the logical value; empty when the device's
     * stored document has no parameter for the concept (not refreshed yet, or its model lacks it).
     */
    Optional<ParamValue> writeTarget(String concept, Device device, ParameterDocument doc, String logicalValue);

    ConceptMap NONE = new ConceptMap() {
        @Override
        public boolean knows(String concept) {
            return false;
        }

        @Override
        public boolean isSecret(String concept) {
            return false;
        }

        @Override
        public List<String> sourcePaths(String concept) {
            return List.of();
        }

        @Override
        public boolean covers(String concept, String path) {
            return false;
        }

        @Override
        public Optional<ParamValue> writeTarget(String concept, Device device, ParameterDocument doc, String value) {
            return Optional.empty();
        }
    };
}
