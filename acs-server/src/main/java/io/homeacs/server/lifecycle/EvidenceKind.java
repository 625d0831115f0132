package io.homeacs.server.lifecycle;

import java.util.Locale;

/**
 * The kinds of tamper evidence the ACS can see for itself. {@link #altersUnit()} marks the ones that
 * show the unit's hardware or software is no longer as the operator supplied it: open evidence of
 * those means the unit is not intact for re-lease until an operator restores it and dismisses it.
 */
public enum EvidenceKind {
    /** Running a software version the approved list does not have for its model. */
    SOFTWARE_NOT_APPROVED(true),
    /** 0 BOOTSTRAP without a factory reset sent by the ACS or an operator's allow-rebootstrap. */
    FACTORY_RESET(false),
    /** A 4 VALUE CHANGE reporting a value other than the one the ACS set. */
    CONFIG_CHANGED(false),
    /** Hardware version differs from the equipment record. */
    HARDWARE_MISMATCH(true),
    /** Serial number differs from the equipment record, or DeviceInfo.SerialNumber from the DeviceId. */
    SERIAL_MISMATCH(true),
    /** Another unit reported this device's line (LOID) while this one is held by a subscriber. */
    REPLACED_ON_LINE(false),
    /** A model that is not on the certified list. */
    UNCERTIFIED_MODEL(false);

    private final boolean altersUnit;

    EvidenceKind(boolean altersUnit) {
        this.altersUnit = altersUnit;
    }

    public boolean altersUnit() {
        return altersUnit;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EvidenceKind parse(String text) {
        for (EvidenceKind k : values()) {
            if (k.apiName().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown evidence kind '" + text + "' (software-not-approved, factory-reset, "
            + "config-changed, hardware-mismatch, serial-mismatch, replaced-on-line, uncertified-model)");
    }
}
