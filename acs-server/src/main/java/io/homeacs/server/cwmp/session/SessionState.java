package io.homeacs.server.cwmp.session;

/** Where a CWMP session stands between HTTP requests. */
enum SessionState {
    /** InformResponse sent; the CPE may send its own requests until it posts an empty body. */
    CPE_TALKING,
    /** The CPE is done talking; the ACS sends RPCs one at a time or ends the session. */
    ACS_TALKING,
    /** An RPC is out and its response (or fault) is awaited. */
    AWAITING_RESPONSE,
    ENDED
}
