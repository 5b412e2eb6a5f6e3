package org.popline.app.config;

import java.time.Duration;
import org.popline.media.MediaEngine;

/** Reads the {@code rtp} section. */
final class RtpReader {
    private RtpReader() {
    }

    static RtpConfig read(ConfigReader r) throws ConfigException {
        PortRange ports = PortRange.parse(r, "rtp.ports", r.string("rtp.ports", "20000-29999"));
        Duration timeout = r.duration("rtp.timeout", Duration.ofSeconds(30), false);
        int clockThreads = r.integer("rtp.clock-threads", MediaEngine.defaultClockThreads(), 1, 64);
        int priority = r.integer("rtp.realtime-priority", 10, 0, 99);
        int strictProbation = r.integer("rtp.strict-probation", MediaEngine.DEFAULT_STRICT_RTP_PROBATION, 1, 100);
        return new RtpConfig(ports.min(), ports.max(), timeout, clockThreads, priority, strictProbation);
    }
}
