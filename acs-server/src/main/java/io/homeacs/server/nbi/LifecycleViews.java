package io.homeacs.server.nbi;

import io.homeacs.server.lifecycle.Evidence;
import io.homeacs.server.lifecycle.Lifecycle;
import io.homeacs.server.lifecycle.OperatorCatalog;
import io.homeacs.server.lifecycle.Returns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of equipment records, tamper evidence, pre-return checks, inspections and the catalogue. */
final class LifecycleViews {
    static final String CURRENCY = "CNY";

    private LifecycleViews() {
    }

    static Map<String, Object> equipment(Lifecycle.Status s, int warrantyMonths) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", s.device().id());
        m.put("deviceKey", s.device().key());
        m.put("kind", s.device().kind().apiName());
        m.put("ownership", s.record().ownership().apiName());
        m.put("holderId", s.holderId());
        m.put("installedAt", Views.time(s.installedAt()));
        m.put("installedFrom", s.installedFrom());
        m.put("leaseStart", Views.time(s.leaseStart()));
        m.put("warrantyMonths", warrantyMonths);
        m.put("warrantyEnd", Views.time(s.warrantyEnd()));
        m.put("inWarranty", s.inWarranty());
        m.put("purchasePrice", s.record().purchasePrice());
        m.put("compensationValue", s.compensationValue());
        m.put("currency", CURRENCY);
        m.put("serialNumber", s.record().serialNumber());
        m.put("hardwareVersion", s.record().hardwareVersion());
        m.put("lineId", s.record().lineId());
        m.put("note", s.record().note());
        m.put("openEvidence", s.openEvidence());
        m.put("assignments", s.history().stream().map(ProvisioningViews::assignment).toList());
        m.put("updatedAt", Views.time(s.record().updatedAt()));
        m.put("updatedBy", s.record().updatedBy());
        return m;
    }

    static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("deviceId", e.deviceId());
        m.put("kind", e.kind().apiName());
        m.put("subject", e.subject());
        m.put("expected", e.expected());
        m.put("observed", e.observed());
        m.put("subscriberId", e.subscriberId());
        m.put("proof", e.proof());
        m.put("firstSeenAt", Views.time(e.firstSeenAt()));
        m.put("lastSeenAt", Views.time(e.lastSeenAt()));
        m.put("occurrences", e.occurrences());
        m.put("open", e.open());
        m.put("dismissedAt", Views.time(e.dismissedAt()));
        m.put("dismissedBy", e.dismissedBy());
        m.put("dismissReason", e.dismissReason());
        return m;
    }

    static Map<String, Object> check(Returns.Check c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("deviceId", c.deviceId());
        m.put("subscriberId", c.subscriberId());
        m.put("outcome", c.outcome());
        m.put("items", c.items());
        m.put("checkedAt", Views.time(c.checkedAt()));
        m.put("checkedBy", c.checkedBy());
        return m;
    }

    static Map<String, Object> inspection(Returns.Inspection i) {
        Map<String, Object> d = i.detail();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("deviceId", i.deviceId());
        m.put("subscriberId", i.subscriberId());
        m.put("ownership", i.ownership().apiName());
        m.put("deviceKind", i.kind().apiName());
        m.put("returned", i.returned());
        m.put("unreturnable", d.get("unreturnable"));
        m.put("intact", i.intact());
        m.put("working", i.working());
        m.put("accessories", d.getOrDefault("accessories", List.of()));
        m.put("note", d.get("note"));
        m.put("meetsReleaseCondition", i.meetsCondition());
        m.put("reasons", d.getOrDefault("reasons", List.of()));
        m.put("compensation", i.compensation());
        m.put("currency", CURRENCY);
        m.put("compensationBasis", i.compensationBasis());
        m.put("evidenceIds", d.getOrDefault("evidenceIds", List.of()));
        m.put("preReturnCheckId", i.checkId());
        m.put("released", i.released());
        m.put("inspectedAt", Views.time(i.inspectedAt()));
        m.put("inspectedBy", i.inspectedBy());
        return m;
    }

    static Map<String, Object> software(OperatorCatalog.SoftwareEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("model", e.model());
        m.put("softwareVersion", e.softwareVersion());
        m.put("note", e.note());
        m.put("addedAt", Views.time(e.addedAt()));
        m.put("addedBy", e.addedBy());
        return m;
    }

    static Map<String, Object> model(OperatorCatalog.ModelEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("model", e.model());
        m.put("manufacturer", e.manufacturer());
        m.put("note", e.note());
        m.put("addedAt", Views.time(e.addedAt()));
        m.put("addedBy", e.addedBy());
        return m;
    }
}
