package io.homeacs.sim.model;

import io.homeacs.sim.cwmp.AcsRpc.AttributeChange;
import io.homeacs.sim.cwmp.AcsRpc.SetValue;
import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpFault.ParameterFault;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The modifying RPCs, each atomic: every argument is validated before anything changes. */
public final class ModelEditor {
    private static final String SUBSCRIBER = "Subscriber";

    private ModelEditor() {
    }

    private static String parameterKeyPath(DataModel m) {
        return m.root() + "ManagementServer.ParameterKey";
    }

    /** Applies the values or throws 9003 with one SetParameterValuesFault per bad parameter. */
    public static List<String> setParameterValues(DataModel m, List<SetValue> values, String key) throws CwmpFault {
        if (key.length() > 32) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "ParameterKey longer than 32 characters");
        }
        synchronized (m) {
            List<ParameterFault> faults = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (SetValue v : values) {
                ParameterFault f = check(m, v, seen);
                if (f != null) {
                    faults.add(f);
                }
            }
            if (!faults.isEmpty()) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, CwmpFault.defaultMessage(CwmpFault.INVALID_ARGUMENTS), faults);
            }
            List<String> changed = new ArrayList<>();
            for (SetValue v : values) {
                Param p = (Param) m.node(v.name());
                if (!p.value.equals(v.value())) {
                    changed.add(v.name());
                }
                p.value = v.value();
            }
            m.setInternal(parameterKeyPath(m), key);
            return changed;
        }
    }

    private static ParameterFault check(DataModel m, SetValue v, Set<String> seen) {
        Object node = m.node(v.name());
        if (!(node instanceof Param p)) {
            return fault(v.name(), CwmpFault.INVALID_PARAMETER_NAME);
        }
        if (!seen.add(v.name())) {
            return new ParameterFault(v.name(), CwmpFault.INVALID_ARGUMENTS, "Parameter set more than once");
        }
        if (!p.def.writable()) {
            return fault(v.name(), CwmpFault.NOT_WRITABLE);
        }
        if (v.xsiType() != null && !p.def.type().matchesXsd(v.xsiType())) {
            return new ParameterFault(v.name(), CwmpFault.INVALID_PARAMETER_TYPE,
                    "Expected xsd:" + p.def.type().xsd() + ", got " + v.xsiType());
        }
        if (!p.def.accepts(v.value())) {
            return fault(v.name(), CwmpFault.INVALID_PARAMETER_VALUE);
        }
        return null;
    }

    private static ParameterFault fault(String name, int code) {
        return new ParameterFault(name, code, CwmpFault.defaultMessage(code));
    }

    public static void setParameterAttributes(DataModel m, List<AttributeChange> changes) throws CwmpFault {
        synchronized (m) {
            List<Map<String, Param>> targets = new ArrayList<>();
            for (AttributeChange c : changes) {
                Map<String, Param> params = m.resolveForUpdate(c.name());
                validateAttributeChange(c, params);
                targets.add(params);
            }
            for (int i = 0; i < changes.size(); i++) {
                AttributeChange c = changes.get(i);
                for (Param p : targets.get(i).values()) {
                    if (c.notificationChange()) {
                        p.notification = c.notification();
                    }
                    if (c.accessListChange()) {
                        p.accessList = List.copyOf(c.accessList());
                    }
                }
            }
        }
    }

    private static void validateAttributeChange(AttributeChange c, Map<String, Param> params) throws CwmpFault {
        if (c.accessListChange()) {
            for (String entry : c.accessList()) {
                if (!SUBSCRIBER.equals(entry)) {
                    throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Unsupported AccessList entry " + entry);
                }
            }
        }
        if (!c.notificationChange()) {
            return;
        }
        int n = c.notification();
        if (n < 0 || n > 6) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Notification must be 0-6, got " + n);
        }
        if (n > 2) {
            throw new CwmpFault(CwmpFault.NOTIFICATION_REJECTED, "Lightweight notification is not supported");
        }
        for (Map.Entry<String, Param> e : params.entrySet()) {
            ParamDef d = e.getValue().def;
            if (n == 2 && d.denyActive()) {
                throw new CwmpFault(CwmpFault.NOTIFICATION_REJECTED, "Active notification rejected for " + e.getKey());
            }
            if (n != 2 && d.forceActive()) {
                throw new CwmpFault(CwmpFault.NOTIFICATION_REJECTED, "Active notification is forced for " + e.getKey());
            }
        }
    }

    public static long addObject(DataModel m, String path, String key) throws CwmpFault {
        synchronized (m) {
            if (!path.endsWith(".") || m.node(path) == null) {
                throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "No such object: " + path);
            }
            TableDef t = m.table(path);
            if (t == null || !t.addable()) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Instances cannot be added to " + path);
            }
            long n = m.nextInstanceNumber(path);
            m.addInstance(path, n);
            m.setInternal(parameterKeyPath(m), key);
            return n;
        }
    }

    public static void deleteObject(DataModel m, String path, String key) throws CwmpFault {
        synchronized (m) {
            String table = tableOf(path);
            if (table == null || m.node(path) == null || m.node(table) == null) {
                throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "No such object instance: " + path);
            }
            TableDef t = m.table(table);
            if (t == null || !t.addable()) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Instance cannot be deleted: " + path);
            }
            m.removeSubtree(path, table);
            m.setInternal(parameterKeyPath(m), key);
        }
    }

    /** "Device.NAT.PortMapping.3." → "Device.NAT.PortMapping.", or null when not an instance path. */
    static String tableOf(String path) {
        if (!path.endsWith(".")) {
            return null;
        }
        int prev = path.lastIndexOf('.', path.length() - 2);
        if (prev < 0) {
            return null;
        }
        String n = path.substring(prev + 1, path.length() - 1);
        return n.matches("[1-9]\\d*") ? path.substring(0, prev + 1) : null;
    }
}
