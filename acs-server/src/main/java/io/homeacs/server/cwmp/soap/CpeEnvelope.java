package io.homeacs.server.cwmp.soap;

/**
 * A decoded SOAP envelope from the CPE.
 *
 * @param version      CWMP version taken from the namespace of the body element
 * @param id           the cwmp:ID header value, or null when absent
 * @param holdRequests the cwmp:HoldRequests header value (false when absent)
 * @param message      the decoded body
 * @param supportedVersions the cwmp:SupportedCWMPVersions header ("1.0,1.1,1.2,1.3,1.4"), or null when absent
 */
public record CpeEnvelope(CwmpVersion version, String id, boolean holdRequests, CpeMessage message,
                          String supportedVersions) {

    public CpeEnvelope(CwmpVersion version, String id, boolean holdRequests, CpeMessage message) {
        this(version, id, holdRequests, message, null);
    }
}
