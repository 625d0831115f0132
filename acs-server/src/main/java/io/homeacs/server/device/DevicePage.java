package io.homeacs.server.device;

import java.util.List;

/** One page of a search, and the keyset position to ask for the next one (null when this page is the last). */
public record DevicePage(List<Device> devices, DeviceQuery.After next) {
    public DevicePage {
        devices = List.copyOf(devices);
    }
}
