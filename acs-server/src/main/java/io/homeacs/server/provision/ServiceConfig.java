package io.homeacs.server.provision;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What a subscriber's services mean for one device, as steps of normalised concept values: the
 * broadband line, IPTV, the VoIP line and Wi-Fi. A suspended service is pushed disabled, so a device
 * installed or swapped during a suspension does not restore the service by accident.
 */
final class ServiceConfig {

    /** One value to set: a normalisation concept, its logical value, and whether the step fails without it. */
    record Item(String concept, String value, boolean required) {
    }

    /** A named step; problem is set when the subscriber's records lack something the step needs. */
    record StepPlan(String name, List<Item> items, String problem) {
    }

    private ServiceConfig() {
    }

    /** plain(subscriber, key) gives a setting with secrets opened. */
    static List<StepPlan> forDevice(Subscriber s, DeviceKind kind, BiFunction<Subscriber, String, String> plain) {
        List<StepPlan> steps = new ArrayList<>();
        boolean gateway = kind == DeviceKind.GATEWAY || kind == DeviceKind.UNKNOWN;
        if (gateway && s.services().contains(ServiceKind.BROADBAND)) {
            steps.add(broadband(s, plain));
        }
        if ((gateway || kind == DeviceKind.SET_TOP_BOX) && s.services().contains(ServiceKind.IPTV)) {
            steps.add(iptv(s, kind, plain));
        }
        if (gateway && s.services().contains(ServiceKind.VOIP)) {
            steps.add(voip(s, plain));
        }
        if ((gateway || kind == DeviceKind.MESH_ROUTER) && (s.setting("wifiSsid") != null || s.setting("wifiPassphrase") != null
            || kind == DeviceKind.MESH_ROUTER)) {
            steps.add(wifi(s, kind, plain));
        }
        return steps;
    }

    /** The enable switches of one service on a device of this kind (what suspend and resume flip). */
    static List<Item> switches(ServiceKind service, DeviceKind kind, boolean enabled) {
        String v = String.valueOf(enabled);
        boolean gateway = kind == DeviceKind.GATEWAY || kind == DeviceKind.UNKNOWN;
        switch (service) {
            case BROADBAND:
                return gateway ? List.of(new Item("wanEnable", v, true)) : List.of();
            case IPTV:
                return gateway || kind == DeviceKind.SET_TOP_BOX ? List.of(new Item("iptvEnable", v, true)) : List.of();
            case VOIP:
                return gateway ? List.of(new Item("voipEnable", v, true)) : List.of();
            case MESH:
                return kind == DeviceKind.MESH_ROUTER
                    ? List.of(new Item("wifiEnable2g", v, true), new Item("wifiEnable5g", v, false)) : List.of();
            default:
                return List.of();
        }
    }

    private static StepPlan broadband(Subscriber s, BiFunction<Subscriber, String, String> plain) {
        String user = plain.apply(s, "pppoeUsername");
        String password = plain.apply(s, "pppoePassword");
        if (user == null || password == null) {
            return new StepPlan("broadband", List.of(), "the subscriber has no PPPoE account (pppoeUsername and "
                + "pppoePassword settings)");
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item("wanPppUsername", user, true));
        items.add(new Item("wanPppPassword", password, true));
        addIfSet(items, "wanVlan", plain.apply(s, "wanVlan"), true);
        items.add(new Item("wanEnable", String.valueOf(!s.suspended().contains(ServiceKind.BROADBAND)), true));
        return new StepPlan("broadband", items, null);
    }

    private static StepPlan iptv(Subscriber s, DeviceKind kind, BiFunction<Subscriber, String, String> plain) {
        List<Item> items = new ArrayList<>();
        if (kind != DeviceKind.SET_TOP_BOX) {
            if (plain.apply(s, "iptvVlan") == null) {
                return new StepPlan("iptv", List.of(), "neither the subscriber nor the plan sets iptvVlan");
            }
            addIfSet(items, "iptvVlan", plain.apply(s, "iptvVlan"), true);
            addIfSet(items, "iptvMulticastVlan", plain.apply(s, "iptvMulticastVlan"), true);
        }
        items.add(new Item("iptvEnable", String.valueOf(!s.suspended().contains(ServiceKind.IPTV)), true));
        return new StepPlan("iptv", items, null);
    }

    private static StepPlan voip(Subscriber s, BiFunction<Subscriber, String, String> plain) {
        String user = plain.apply(s, "sipUsername");
        String password = plain.apply(s, "sipPassword");
        if (user == null || password == null || plain.apply(s, "sipProxy") == null) {
            return new StepPlan("voip", List.of(), "the subscriber has no SIP line (sipUsername, sipPassword, and "
                + "sipProxy from the subscriber or the plan)");
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item("sipProxy", plain.apply(s, "sipProxy"), true));
        items.add(new Item("sipUsername", user, true));
        items.add(new Item("sipPassword", password, true));
        addIfSet(items, "sipDirectoryNumber", plain.apply(s, "sipNumber"), true);
        items.add(new Item("voipEnable", String.valueOf(!s.suspended().contains(ServiceKind.VOIP)), true));
        return new StepPlan("voip", items, null);
    }

    /** One network everywhere: the same SSID and passphrase on both bands unless a 5 GHz SSID is set. */
    private static StepPlan wifi(Subscriber s, DeviceKind kind, BiFunction<Subscriber, String, String> plain) {
        List<Item> items = new ArrayList<>();
        String ssid = plain.apply(s, "wifiSsid");
        String ssid5 = plain.apply(s, "wifiSsid5g") != null ? plain.apply(s, "wifiSsid5g") : ssid;
        String pass = plain.apply(s, "wifiPassphrase");
        addIfSet(items, "wifiSsid2g", ssid, true);
        addIfSet(items, "wifiSsid5g", ssid5, false);
        addIfSet(items, "wifiPassphrase2g", pass, true);
        addIfSet(items, "wifiPassphrase5g", pass, false);
        if (kind == DeviceKind.MESH_ROUTER) {
            items.addAll(switches(ServiceKind.MESH, kind, !s.suspended().contains(ServiceKind.MESH)
                && s.services().contains(ServiceKind.MESH)));
        }
        return new StepPlan("wifi", items, null);
    }

    private static void addIfSet(List<Item> items, String concept, String value, boolean required) {
        if (value != null) {
            items.add(new Item(concept, value, required));
        }
    }
}
