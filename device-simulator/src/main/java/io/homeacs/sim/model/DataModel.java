package io.homeacs.sim.model;

import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterAttribute;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterInfo;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One device's parameter tree. Object paths end with "."; every object on the way to a parameter exists
 * as a node. Thread-safe: all access is synchronized on the model.
 */
public final class DataModel {
    private final String root;
    private final TreeMap<String, Object> nodes = new TreeMap<>(PathComparator.INSTANCE);
    private final Map<String, TableDef> tables = new HashMap<>();
    private final Map<String, Long> lastInstance = new HashMap<>();
    /** When each link (by object path) last changed state, in System.nanoTime(): device internals, not parameters. */
    private final Map<String, Long> linkChanges = new HashMap<>();

    /** A node that is an object; writable means AddObject (tables) or DeleteObject (instances) is allowed. */
    record ObjectNode(boolean writable) {
    }

    private static final ObjectNode FIXED = new ObjectNode(false);
    private static final ObjectNode MUTABLE = new ObjectNode(true);

    public DataModel(String root) {
        this.root = root;
        nodes.put(root, FIXED);
    }

    public String root() {
        return root;
    }

    // ---- building -------------------------------------------------------------------------------------

    public synchronized void add(ParamDef def, String value) {
        ensureParents(def.path());
        if (!def.accepts(value)) {
            throw new IllegalArgumentException("Template value '" + value + "' invalid for " + def);
        }
        ParamDef shared = def.intern();
        nodes.put(shared.path(), new Param(shared, value));
    }

    public synchronized void addTable(String tablePath, TableDef def) {
        ensureParents(tablePath);
        nodes.put(tablePath, def.addable() ? MUTABLE : FIXED);
        tables.put(tablePath, def);
        recount(tablePath);
    }

    /** Creates instance {@code n} of a table with its default children. */
    public synchronized String addInstance(String tablePath, long n) {
        TableDef t = tables.get(tablePath);
        if (t == null) {
            throw new IllegalArgumentException("Not a table: " + tablePath);
        }
        String inst = tablePath + n + ".";
        nodes.put(inst, t.addable() ? MUTABLE : FIXED);
        lastInstance.merge(tablePath, n, Math::max);
        t.initializer().init(this, inst, n);
        recount(tablePath);
        return inst;
    }

    private void ensureParents(String path) {
        int from = root.length();
        int dot;
        while ((dot = path.indexOf('.', from)) >= 0 && dot < path.length() - 1) {
            nodes.putIfAbsent(path.substring(0, dot + 1).intern(), FIXED);
            from = dot + 1;
        }
    }

    private void recount(String tablePath) {
        TableDef t = tables.get(tablePath);
        if (t == null || t.countParam() == null) {
            return;
        }
        Object p = nodes.get(t.countParam());
        if (p instanceof Param param) {
            param.value = Integer.toString(instancesOf(tablePath).size());
        }
    }

    private List<String> instancesOf(String tablePath) {
        List<String> out = new ArrayList<>();
        for (String k : nodes.tailMap(tablePath, false).keySet()) {
            if (!k.startsWith(tablePath)) {
                break;
            }
            String rest = k.substring(tablePath.length());
            if (rest.indexOf('.') == rest.length() - 1) {
                out.add(k);
            }
        }
        return out;
    }

    // ---- device-side access ---------------------------------------------------------------------------

    public synchronized Optional<String> value(String path) {
        return nodes.get(path) instanceof Param p ? Optional.of(p.value) : Optional.empty();
    }

    /** Whether the parameter exists and the value is valid for its type and constraints. */
    public synchronized boolean accepts(String path, String value) {
        return nodes.get(path) instanceof Param p && p.def.accepts(value);
    }

    public synchronized boolean exists(String path) {
        return nodes.containsKey(path);
    }

    /** Sets a value without any notification bookkeeping (device internals such as UpTime). */
    public synchronized void setInternal(String path, String value) {
        if (!(nodes.get(path) instanceof Param p)) {
            throw new IllegalArgumentException("No parameter " + path);
        }
        p.value = value;
    }

    /** The notification attribute of a parameter, or -1 when it does not exist. */
    public synchronized int notification(String path) {
        return nodes.get(path) instanceof Param p ? p.notification : -1;
    }

    /** The value as reported to the ACS (hidden parameters read as ""). */
    public synchronized Optional<ParameterValue> parameterValue(String path) {
        return nodes.get(path) instanceof Param p ? Optional.of(toValue(path, p)) : Optional.empty();
    }

    public synchronized List<String> instances(String tablePath) {
        return instancesOf(tablePath);
    }

    /** Removes an instance and everything below it (device-side, e.g. an uninstalled deployment unit). */
    public synchronized void removeInstance(String instancePath) {
        String table = ModelEditor.tableOf(instancePath);
        if (table == null || !nodes.containsKey(instancePath)) {
            throw new IllegalArgumentException("Not an instance: " + instancePath);
        }
        removeSubtree(instancePath, table);
    }

    public synchronized long nextInstance(String tablePath) {
        return nextInstanceNumber(tablePath);
    }

    /** Records that a link (a connection object, e.g. "Device.PPP.Interface.1.") went up, down or reconnected. */
    public synchronized void markLinkChange(String object, long nanos) {
        linkChanges.put(object, nanos);
    }

    /** Whole seconds since the link last changed state; a (re)boot re-establishes every link, so not before it. */
    public synchronized long secondsSinceLinkChange(String object, long nowNanos, long bootNanos) {
        long since = linkChanges.getOrDefault(object, bootNanos);
        if (since - bootNanos < 0) {
            since = bootNanos;
        }
        return Math.max(0, java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(nowNanos - since));
    }

    public synchronized int size() {
        return nodes.size();
    }

    private static ParameterValue toValue(String path, Param p) {
        return new ParameterValue(path, p.def.hidden() ? "" : p.value, p.def.type().xsd());
    }

    // ---- RPC semantics --------------------------------------------------------------------------------

    public synchronized List<ParameterInfo> getParameterNames(String path, boolean nextLevel) throws CwmpFault {
        List<ParameterInfo> out = new ArrayList<>();
        if (path.isEmpty()) {
            if (nextLevel) {
                out.add(new ParameterInfo(root, false));
            } else {
                nodes.forEach((k, v) -> out.add(info(k, v)));
            }
            return out;
        }
        Object node = nodes.get(path);
        if (node == null) {
            throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "No such parameter or object: " + path);
        }
        if (node instanceof Param p) {
            if (nextLevel) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "NextLevel true requires a partial path: " + path);
            }
            out.add(info(path, p));
            return out;
        }
        if (!nextLevel) {
            out.add(info(path, node));
        }
        for (Map.Entry<String, Object> e : nodes.tailMap(path, false).entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(path)) {
                break;
            }
            int dot = k.indexOf('.', path.length());
            boolean child = dot < 0 || dot == k.length() - 1;
            if (!nextLevel || child) {
                out.add(info(k, e.getValue()));
            }
        }
        return out;
    }

    private static ParameterInfo info(String path, Object node) {
        return node instanceof Param p ? new ParameterInfo(path, p.def.writable())
                : new ParameterInfo(path, ((ObjectNode) node).writable());
    }

    public synchronized List<ParameterValue> getParameterValues(List<String> names) throws CwmpFault {
        List<ParameterValue> out = new ArrayList<>();
        for (String n : names) {
            for (Map.Entry<String, Param> e : resolve(n).entrySet()) {
                out.add(toValue(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /** Parameters named by a full path, or all parameters below a partial path ("" = whole tree). */
    private Map<String, Param> resolve(String name) throws CwmpFault {
        Map<String, Param> out = new java.util.LinkedHashMap<>();
        String prefix = name.isEmpty() ? root : name;
        Object node = nodes.get(prefix);
        if (node == null) {
            throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "No such parameter or object: " + name);
        }
        if (node instanceof Param p) {
            out.put(prefix, p);
            return out;
        }
        for (Map.Entry<String, Object> e : nodes.tailMap(prefix, false).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getValue() instanceof Param p) {
                out.put(e.getKey(), p);
            }
        }
        return out;
    }

    public synchronized List<ParameterAttribute> getParameterAttributes(List<String> names) throws CwmpFault {
        List<ParameterAttribute> out = new ArrayList<>();
        for (String n : names) {
            resolve(n).forEach((k, p) -> out.add(new ParameterAttribute(k, p.notification, p.accessList)));
        }
        return out;
    }

    // package-private helpers for ModelOperations
    synchronized Object node(String path) {
        return nodes.get(path);
    }

    synchronized Map<String, Param> resolveForUpdate(String name) throws CwmpFault {
        return resolve(name);
    }

    synchronized TableDef table(String path) {
        return tables.get(path);
    }

    synchronized long nextInstanceNumber(String tablePath) {
        long max = lastInstance.getOrDefault(tablePath, 0L);
        for (String inst : instancesOf(tablePath)) {
            String n = inst.substring(tablePath.length(), inst.length() - 1);
            if (n.matches("\\d+")) {
                max = Math.max(max, Long.parseLong(n));
            }
        }
        return max + 1;
    }

    synchronized void removeSubtree(String instancePath, String tablePath) {
        Iterator<Map.Entry<String, Object>> it = nodes.tailMap(instancePath, true).entrySet().iterator();
        while (it.hasNext()) {
            if (!it.next().getKey().startsWith(instancePath)) {
                break;
            }
            it.remove();
        }
        tables.keySet().removeIf(k -> k.startsWith(instancePath));
        recount(tablePath);
    }
}
