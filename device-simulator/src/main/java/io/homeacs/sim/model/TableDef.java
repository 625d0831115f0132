package io.homeacs.sim.model;

/**
 * A multi-instance object ("Device.NAT.PortMapping.").
 *
 * @param countParam  full path of its NumberOfEntries parameter, or null
 * @param addable     whether the ACS may AddObject / DeleteObject instances
 * @param initializer adds the default children of a new instance
 */
public record TableDef(String countParam, boolean addable, InstanceInitializer initializer) {

    /** Populates a freshly created instance ("Device.NAT.PortMapping.3.") with its default parameters. */
    @FunctionalInterface
    public interface InstanceInitializer {
        void init(DataModel model, String instancePath, long instance);
    }
}
