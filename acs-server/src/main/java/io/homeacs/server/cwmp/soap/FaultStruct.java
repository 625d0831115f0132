package io.homeacs.server.cwmp.soap;

/** FaultStruct used in transfer/DU completion messages; faultCode 0 means success. */
public record FaultStruct(int faultCode, String faultString) {
    public static final FaultStruct NONE = new FaultStruct(0, "");

    public boolean isFault() {
        return faultCode != 0;
    }
}
