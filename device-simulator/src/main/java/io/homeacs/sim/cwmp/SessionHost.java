package io.homeacs.sim.cwmp;

import io.homeacs.sim.cwmp.CwmpTypes.DeviceIdStruct;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import java.util.List;
import java.util.Set;

/** What a CWMP session needs from the CPE it runs for. Called from network threads, one session at a time. */
public interface SessionHost {
    /** The content of one Inform: its events, parameters and the RetryCount. */
    record InformContent(List<EventStruct> events, List<ParameterValue> parameters, int retryCount) {
    }

    /** A CPE-originated request (TransferComplete, DUStateChangeComplete, ...). */
    interface CpeRequest {
        String method();

        String body();
    }

    String serialNumber();

    CwmpVersion version();

    DeviceIdStruct deviceIdStruct();

    String acsUsername();

    String acsPassword();

    DigestAuth.ClientAuth clientAuth();

    InformContent prepareInform();

    void informAccepted(InformContent delivered);

    /** The next request not yet sent in this session, or null. */
    CpeRequest nextRequest(Set<CpeRequest> alreadySent);

    void requestAcknowledged(CpeRequest request);

    /** Executes an ACS request and returns the response body element; a CwmpFault becomes a SOAP Fault. */
    String execute(AcsRpc rpc) throws CwmpFault;
}
