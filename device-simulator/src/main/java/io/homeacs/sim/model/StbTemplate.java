package io.homeacs.sim.model;

import static io.homeacs.sim.model.ModelBuilder.maxLen;
import static io.homeacs.sim.model.ModelBuilder.min;
import static io.homeacs.sim.model.ModelBuilder.oneOf;
import static io.homeacs.sim.model.ModelBuilder.range;
import static io.homeacs.sim.model.ParamType.BOOLEAN;
import static io.homeacs.sim.model.ParamType.DATE_TIME;
import static io.homeacs.sim.model.ParamType.INT;
import static io.homeacs.sim.model.ParamType.UNSIGNED_INT;

import java.util.SplittableRandom;

/** An IPTV set-top box: TR-181 basics plus the TR-135 STBService object. */
public final class StbTemplate extends Tr181Template {
    public static final StbTemplate INSTANCE = new StbTemplate();
    private static final String STB = "Device.Services.STBService.";
    private static final String[] ENABLED = {"Disabled", "Enabled", "Error"};

    private StbTemplate() {
    }

    @Override
    void addKindSpecific(ModelBuilder b, TemplateContext c, SplittableRandom r) {
        Tr181Common.ip(b, "192.168.1." + (20 + r.nextInt(200)), "DHCP");
        int channel = 1 + r.nextInt(120);
        b.table(STB, "Device.Services.STBServiceNumberOfEntries", false, (mm, s, n) -> service(new ModelBuilder(mm), s, channel));
        b.instances(STB, 1);
    }

    private static void service(ModelBuilder b, String s, int channel) {
        b.rw(s + "Enable", BOOLEAN, true)
                .ro(s + "Capabilities.MaxActiveAVStreams", INT, 2, min(-1))
                .ro(s + "Capabilities.MaxActiveAVPlayers", INT, 1, min(-1))
                .ro(s + "Capabilities.FrontEnd.IP.MaxActiveIPStreams", INT, 2, min(-1))
                .ro(s + "Capabilities.VideoDecoder.VideoStandards", "MPEG2-Part2,MPEG4-Part10,HEVC");
        String fe = s + "Components.FrontEnd.";
        b.table(fe, s + "Components.FrontEndNumberOfEntries", false, (m, f, n) -> {
            ModelBuilder fb = new ModelBuilder(m).rw(f + "Enable", BOOLEAN, true).ro(f + "Status", "Enabled", oneOf(ENABLED))
                    .ro(f + "Name", "IPTV front end", maxLen(256))
                    .ro(f + "IP.ActiveInboundIPStreams", UNSIGNED_INT, 1)
                    .ro(f + "IP.OutboundNumberOfEntries", UNSIGNED_INT, 0)
                    .ro(f + "IP.ActiveOutboundIPStreams", UNSIGNED_INT, 0);
            fb.table(f + "IP.Inbound.", f + "IP.InboundNumberOfEntries", false, (m2, in, k) -> new ModelBuilder(m2)
                    .ro(in + "Status", "Enabled", oneOf(ENABLED)).ro(in + "Name", "channel-" + channel, maxLen(256))
                    .ro(in + "StreamingControlProtocol", "IGMP").ro(in + "StreamingTransportProtocol", "RTP")
                    .ro(in + "StreamingTransportControlProtocol", "RTCP").ro(in + "MultiplexType", "MPEG2-TS")
                    .ro(in + "DownloadTransportProtocol", "None").ro(in + "SourceAddress", "10.20.0.1")
                    .ro(in + "SourcePort", UNSIGNED_INT, 0, range(0, 65535))
                    .ro(in + "DestinationAddress", "239.1.1." + channel)
                    .ro(in + "DestinationPort", UNSIGNED_INT, 5000, range(0, 65535))
                    .ro(in + "URI", "igmp://239.1.1." + channel + ":5000", maxLen(256)));
            fb.instances(f + "IP.Inbound.", 1);
        });
        b.instances(fe, 1);
        String streamRef = s + "AVStreams.AVStream.1";
        b.ro(s + "AVStreams.ActiveAVStreams", UNSIGNED_INT, 1);
        b.table(s + "AVStreams.AVStream.", s + "AVStreams.AVStreamNumberOfEntries", false, (m, a, n) -> new ModelBuilder(m)
                .ro(a + "Status", "Enabled", oneOf("Disabled", "Enabled", "Error_PVRWriteFailure", "Error_PVRReadFailure", "Error"))
                .ro(a + "Name", "main", maxLen(256))
                .ro(a + "PVRState", "Disabled", oneOf("Disabled", "Stopped", "Play", "Paused", "FastForward", "Rewind"))
                .ro(a + "FrontEnd", fe + "1", maxLen(256)).ro(a + "Inbound", fe + "1.IP.Inbound.1", maxLen(256)));
        b.instances(s + "AVStreams.AVStream.", 1);
        b.ro(s + "AVPlayers.ActiveAVPlayers", UNSIGNED_INT, 1)
                .rw(s + "AVPlayers.PreferredAudioLanguage", "en", maxLen(64))
                .rw(s + "AVPlayers.PreferredSubtitlingLanguage", "", maxLen(64));
        b.table(s + "AVPlayers.AVPlayer.", s + "AVPlayers.AVPlayerNumberOfEntries", false, (m, p, n) -> new ModelBuilder(m)
                .rw(p + "Enable", BOOLEAN, true).ro(p + "Status", "Enabled", oneOf(ENABLED))
                .ro(p + "Name", "main player", maxLen(256)).ro(p + "AudioLanguage", "en", maxLen(64))
                .ro(p + "MainStream", streamRef, maxLen(256)));
        b.instances(s + "AVPlayers.AVPlayer.", 1);
        monitoring(b, s, streamRef);
    }

    private static void monitoring(ModelBuilder b, String s, String streamRef) {
        String sm = s + "ServiceMonitoring.";
        b.rw(sm + "SampleEnable", BOOLEAN, false).ro(sm + "SampleState", "Disabled", oneOf("Disabled", "Enabled", "Trigger"))
                .rw(sm + "SampleInterval", UNSIGNED_INT, 60, min(1)).rw(sm + "ReportSamples", UNSIGNED_INT, 10, min(1))
                .rw(sm + "TimeReference", DATE_TIME, "0001-01-01T00:00:00Z");
        b.table(sm + "MainStream.", sm + "MainStreamNumberOfEntries", false, (m, ms, n) -> new ModelBuilder(m)
                .rw(ms + "Enable", BOOLEAN, true).ro(ms + "Status", "Enabled", oneOf(ENABLED))
                .rw(ms + "ServiceType", "IPTV").ro(ms + "AVStream", streamRef, maxLen(256))
                .ro(ms + "Total.TotalSeconds", UNSIGNED_INT, 0)
                .ro(ms + "Total.ResetTime", UNSIGNED_INT, 0, ModelBuilder.DENY_ACTIVE));
        b.instances(sm + "MainStream.", 1);
    }
}
