package io.homeacs.server.profile;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.List;
import java.util.Optional;

/**
 * Profile keys that name concepts resolve through the vendor normalisation mapping: the path this
 * device keeps the concept at (first applicable source present in its document), the raw spelling
 * of the value, the type it reported, and whether the concept is a credential.
 */
public final class NormalizationConcepts implements ConceptMap {
    private final Normalization normalization;

    public NormalizationConcepts(Normalization normalization) {
        this.normalization = normalization;
    }

    @Override
    public boolean knows(String concept) {
        return normalization.knows(concept);
    }

    @Override
    public boolean isSecret(String concept) {
        return normalization.isSecret(concept);
    }

    @Override
    public List<String> sourcePaths(String concept) {
        return sources(concept).stream().map(Normalization.Source::path).toList();
    }

    @Override
    public boolean covers(String concept, String path) {
        return sources(concept).stream().anyMatch(s -> s.pattern().matcher(path).matches());
    }

    private List<Normalization.Source> sources(String concept) {
        return normalization.concepts().stream().filter(c -> c.name().equals(concept))
            .flatMap(c -> c.sources().stream()).toList();
    }

    @Override
    public Optional<ParamValue> writeTarget(String concept, Device device, ParameterDocument doc, String logicalValue) {
        return normalization.writeTarget(concept, device, doc, logicalValue);
    }
}
