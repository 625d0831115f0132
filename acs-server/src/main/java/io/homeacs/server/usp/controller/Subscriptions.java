package io.homeacs.server.usp.controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions (Device.LocalAgent.Subscription.{i}.) the controller keeps on every agent, found
 * again by their ID: after a factory reset, or on an agent that lost them, the missing ones are
 * created at the next connect.
 */
final class Subscriptions {
    static final String TABLE = "Device.LocalAgent.Subscription.";

    /** ID, NotifType, ReferenceList. */
    record Wanted(String id, String type, String references) {
    }

    static final List<Wanted> WANTED = List.of(
        new Wanted("homeacs-boot", "Event", "Device.Boot!"),
        new Wanted("homeacs-periodic", "Event", "Device.LocalAgent.Periodic!"),
        new Wanted("homeacs-value-change", "ValueChange", "Device.DeviceInfo.SoftwareVersion,Device.WiFi.SSID.,"
            + "Device.WiFi.AccessPoint.,Device.Hosts.HostNumberOfEntries,Device.ManagementServer.PeriodicInformInterval"),
        new Wanted("homeacs-operation-complete", "OperationComplete", "Device."),
        new Wanted("homeacs-object-creation", "ObjectCreation", "Device.WiFi.SSID.,Device.Hosts.Host."),
        new Wanted("homeacs-object-deletion", "ObjectDeletion", "Device.WiFi.SSID.,Device.Hosts.Host."));

    private Subscriptions() {
    }

    /** The Add's objects for the wanted subscriptions the agent's table (its values, as read) lacks. */
    static List<Map<String, String>> missing(Map<String, String> values) {
        List<Map<String, String>> out = new java.util.ArrayList<>();
        for (Wanted w : WANTED) {
            boolean present = false;
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().startsWith(TABLE) && e.getKey().endsWith(".ID") && e.getValue().equals(w.id())) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("ID", w.id());
                p.put("NotifType", w.type());
                p.put("ReferenceList", w.references());
                p.put("Persistent", "true");
                p.put("NotifRetry", "true");
                p.put("Enable", "true");
                out.add(p);
            }
        }
        return out;
    }
}
