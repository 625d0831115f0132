package io.homeacs.server.cwmp.soap;

/** TimeWindowStruct used in ScheduleDownload. */
public record TimeWindow(int windowStart, int windowEnd, String windowMode, String userMessage, int maxRetries) {
}
