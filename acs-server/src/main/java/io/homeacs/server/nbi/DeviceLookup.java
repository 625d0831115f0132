package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;

/** A device named in a path: an all-digit value shorter than 19 characters is its id, anything else its key. */
final class DeviceLookup {
    private DeviceLookup() {
    }

    static Device find(DeviceRegistry registry, String id) {
        if (id.chars().allMatch(Character::isDigit) && id.length() < 19) {
            return registry.find(Long.parseLong(id)).orElseThrow(() -> ApiException.notFound("device " + id));
        }
        return registry.findByKey(id).orElseThrow(() -> ApiException.notFound("device " + id));
    }
}
