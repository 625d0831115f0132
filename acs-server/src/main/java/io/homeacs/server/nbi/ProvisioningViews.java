package io.homeacs.server.nbi;

import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.ServiceOrder;
import io.homeacs.server.subscriber.ServicePlan;
import io.homeacs.server.subscriber.ServiceSettings;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.task.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON shapes of subscribers, plans and orders. Secret settings show only that they are set. */
final class ProvisioningViews {
    private ProvisioningViews() {
    }

    static Map<String, Object> plan(ServicePlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("downMbps", p.downMbps());
        m.put("upMbps", p.upMbps());
        m.put("iptv", p.iptv());
        m.put("voip", p.voip());
        m.put("mesh", p.mesh());
        m.put("services", p.services().stream().map(ServiceKind::apiName).toList());
        m.put("defaults", new TreeMap<>(p.defaults()));
        m.put("createdAt", p.createdAt().toString());
        return m;
    }

    static Map<String, Object> subscriber(Subscriber s, List<Long> deviceIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("account", s.account());
        m.put("name", s.name());
        m.put("address", s.address());
        m.put("phone", s.phone());
        m.put("accountType", s.accountType().apiName());
        m.put("plans", s.plans().stream().map(ServicePlan::code).toList());
        m.put("services", s.services().stream().sorted().map(ServiceKind::apiName).toList());
        m.put("suspended", s.suspended().stream().sorted().map(ServiceKind::apiName).toList());
        ServicePlan bb = s.broadbandPlan();
        m.put("contractedRate", bb == null ? null : Map.of("downMbps", bb.downMbps(), "upMbps", bb.upMbps()));
        Map<String, Object> settings = new TreeMap<>();
        s.settings().forEach((k, v) -> settings.put(k, ServiceSettings.SECRET_KEYS.contains(k) ? Secrets.MASK : v));
        m.put("settings", settings);
        m.put("deviceIds", deviceIds);
        m.put("createdAt", s.createdAt().toString());
        m.put("updatedAt", s.updatedAt().toString());
        return m;
    }

    static Map<String, Object> order(ServiceOrder o, List<Map<String, Object>> steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("subscriberId", o.subscriberId());
        m.put("kind", o.kind().apiName());
        m.put("state", o.state().apiName());
        m.put("registrationId", o.registrationId());
        m.put("serialNumber", o.serialNumber());
        m.put("installer", o.installer());
        m.put("replacesDeviceId", o.replacesDeviceId());
        m.put("deviceId", o.deviceId());
        m.put("boundBy", o.boundBy());
        m.put("note", o.note());
        m.put("createdAt", o.createdAt().toString());
        m.put("createdBy", o.createdBy());
        m.put("boundAt", Views.time(o.boundAt()));
        m.put("finishedAt", Views.time(o.finishedAt()));
        if (steps != null) {
            m.put("steps", steps);
        }
        return m;
    }

    static Map<String, Object> assignment(Assignments.Assignment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", a.deviceId());
        m.put("subscriberId", a.subscriberId());
        m.put("orderId", a.orderId());
        m.put("assignedAt", a.assignedAt().toString());
        m.put("releasedAt", Views.time(a.releasedAt()));
        m.put("releaseReason", a.releaseReason());
        return m;
    }
}
