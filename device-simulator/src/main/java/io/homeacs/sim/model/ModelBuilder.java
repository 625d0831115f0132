package io.homeacs.sim.model;

import java.util.ArrayList;
import java.util.List;

/** Concise template code: {@code b.rw("X.Enable", BOOLEAN, "true", Opt.range(1, 255))}. */
public final class ModelBuilder {
    private final DataModel model;

    public ModelBuilder(DataModel model) {
        this.model = model;
    }

    public DataModel model() {
        return model;
    }

    /** A constraint or attribute applied to a parameter definition. */
    public sealed interface Opt {
        record Range(Long min, Long max) implements Opt {
        }

        record Enum(List<String> values) implements Opt {
        }

        record MaxLength(int max) implements Opt {
        }

        enum Flag implements Opt { DENY_ACTIVE, FORCE_ACTIVE, HIDDEN, DEFAULT_ACTIVE }

        static Opt range(Long min, Long max) {
            return new Range(min, max);
        }

        static Opt oneOf(String... values) {
            return new Enum(List.of(values));
        }

        static Opt maxLen(int n) {
            return new MaxLength(n);
        }
    }

    public static final Opt DENY_ACTIVE = Opt.Flag.DENY_ACTIVE;
    public static final Opt FORCE_ACTIVE = Opt.Flag.FORCE_ACTIVE;
    public static final Opt HIDDEN = Opt.Flag.HIDDEN;
    public static final Opt DEFAULT_ACTIVE = Opt.Flag.DEFAULT_ACTIVE;

    public static Opt range(long min, long max) {
        return Opt.range(min, max);
    }

    public static Opt min(long min) {
        return Opt.range(min, null);
    }

    public static Opt oneOf(String... values) {
        return Opt.oneOf(values);
    }

    public static Opt maxLen(int n) {
        return Opt.maxLen(n);
    }

    public ModelBuilder ro(String path, ParamType type, Object value, Opt... opts) {
        return add(path, type, false, value, opts);
    }

    public ModelBuilder rw(String path, ParamType type, Object value, Opt... opts) {
        return add(path, type, true, value, opts);
    }

    /** Read-only string. */
    public ModelBuilder ro(String path, String value, Opt... opts) {
        return add(path, ParamType.STRING, false, value, opts);
    }

    /** Writable string. */
    public ModelBuilder rw(String path, String value, Opt... opts) {
        return add(path, ParamType.STRING, true, value, opts);
    }

    public ModelBuilder add(String path, ParamType type, boolean writable, Object value, Opt... opts) {
        boolean deny = false;
        boolean force = false;
        boolean hidden = false;
        int notification = 0;
        List<String> enums = new ArrayList<>();
        Long min = null;
        Long max = null;
        int maxLen = 0;
        for (Opt o : opts) {
            if (o instanceof Opt.Range r) {
                min = r.min();
                max = r.max();
            } else if (o instanceof Opt.Enum e) {
                enums.addAll(e.values());
            } else if (o instanceof Opt.MaxLength m) {
                maxLen = m.max();
            } else if (o == Opt.Flag.DENY_ACTIVE) {
                deny = true;
            } else if (o == Opt.Flag.FORCE_ACTIVE) {
                force = true;
            } else if (o == Opt.Flag.HIDDEN) {
                hidden = true;
            } else if (o == Opt.Flag.DEFAULT_ACTIVE) {
                notification = 2;
            }
        }
        String v = value instanceof Boolean b ? (b ? "true" : "false") : String.valueOf(value);
        model.add(new ParamDef(path.intern(), type, writable, deny, force, hidden, notification, enums, min, max, maxLen), v);
        return this;
    }

    public ModelBuilder table(String tablePath, String countParam, boolean addable, TableDef.InstanceInitializer init) {
        ro(countParam, ParamType.UNSIGNED_INT, 0);
        model.addTable(tablePath.intern(), new TableDef(countParam, addable, init));
        return this;
    }

    public ModelBuilder instances(String tablePath, int count) {
        for (int i = 1; i <= count; i++) {
            model.addInstance(tablePath, i);
        }
        return this;
    }
}
