package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.Normalization;
import java.util.List;

/**
 * Finds an already registered device by the LOID stored in its parameters, for an order entered
 * after the ONT first called in. Only fixed paths are searched (each a stored-value lookup).
 */
final class RegistrationLookup {
    private RegistrationLookup() {
    }

    static Device find(String registrationId, DeviceRegistry registry, Normalization normalization) {
        for (Normalization.Concept c : normalization.concepts()) {
            if (!c.name().equals("registrationId")) {
                continue;
            }
            for (Normalization.Source s : c.sources()) {
                if (s.path().contains("{i}")) {
                    continue;
                }
                List<Device> found = registry.search(new DeviceQuery(null, null, null, null, null, null, null, null,
                    List.of(), List.of(new DeviceQuery.ParamFilter(s.path(), registrationId)), DeviceQuery.Sort.ID, 0, 2));
                if (found.size() == 1) {
                    return found.get(0);
                }
            }
        }
        return null;
    }
}
