package io.homeacs.sim;

/** The kinds of simulated CPE; MIXED cycles ONT, MESH, STB over the fleet. */
public enum DeviceKind {
    ONT, MESH, STB, MIXED;

    /** Letter used in serial numbers (SIMO000001, SIMM000002, SIMS000003). */
    char letter() {
        return switch (this) {
            case ONT -> 'O';
            case MESH -> 'M';
            case STB -> 'S';
            case MIXED -> throw new IllegalStateException("MIXED is not a concrete kind");
        };
    }

    /** The concrete kind of the device with the given 1-based index in a fleet of this kind. */
    DeviceKind forIndex(int index) {
        if (this != MIXED) {
            return this;
        }
        return switch ((index - 1) % 3) {
            case 0 -> ONT;
            case 1 -> MESH;
            default -> STB;
        };
    }
}
