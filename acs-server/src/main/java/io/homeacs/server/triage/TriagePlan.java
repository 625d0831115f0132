package io.homeacs.server.triage;

import io.homeacs.server.triage.FaultReport.Symptom;
import java.util.List;

/**
 * What a triage run does for a symptom besides reading the health key values: which extra values it
 * reads (as normalisation concepts) and which diagnostic it starts. A slow line is measured against the
 * contract (speed test); a dead or unstable one is pinged past the access network; Wi-Fi and IPTV
 * complaints need no test, only the values behind them, which the read brings fresh.
 */
record TriagePlan(List<String> extraConcepts, Test test) {

    enum Test { NONE, SPEED_TEST, PING }

    static TriagePlan of(Symptom symptom) {
        switch (symptom) {
            case SLOW:
                return new TriagePlan(List.of("wanEnable", "wanPppUsername"), Test.SPEED_TEST);
            case NO_INTERNET:
            case INTERMITTENT:
                return new TriagePlan(List.of("wanEnable", "wanPppUsername", "wanIpAddress"), Test.PING);
            case IPTV:
                return new TriagePlan(List.of("wanEnable", "wanPppUsername", "iptvEnable", "iptvVlan", "iptvMulticastVlan"),
                    Test.NONE);
            case VOICE:
                return new TriagePlan(List.of("wanEnable", "wanPppUsername", "voipEnable", "sipUsername"), Test.NONE);
            default:
                return new TriagePlan(List.of("wanEnable", "wanPppUsername"), Test.NONE);
        }
    }
}
