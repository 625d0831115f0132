package io.homeacs.server.cwmp.soap;

/**
 * A decoded SOAP envelope from the CPE.
 *
 * @param version      CWMP version taken from the namespace of the body element
 * @param id           the cwmp:ID header value, or null when absent
 * @param holdRequests the cwmp:HoldRequests header value (false when absent)
 * @param message      the decoded body
 */
public record CpeEnvelope(CwmpVersion version, String id, boolean holdRequests, CpeMessage message) {
}
