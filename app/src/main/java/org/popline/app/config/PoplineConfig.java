package org.popline.app.config;

import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.RegistrarConfig;
import org.popline.sip.signalling.SipStackFactory;
import org.popline.sip.signalling.TrustedProxies;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.webex.WebexMapping;
import org.popline.media.audio.AudioClip;
import org.popline.queue.QueueSettings;

/**
 * Everything the server needs to start, already validated.
 *
 * @param bindAddress     where SIP and RTP listen ({@code sip.bind-address})
 * @param httpBindAddress where the admin API listens ({@code http.bind-address}, loopback by default)
 * @param webex           how a Flow Designer export's ids map to this configuration ({@code webex})
 * @param businessHours   the schedules business-hours activities name ({@code business-hours})
 */
public record PoplineConfig(
        Path confDir,
        InetAddress bindAddress,
        String advertisedAddress,
        int sipPort,
        boolean udp,
        boolean tcp,
        SipStackFactory.TcpLimits tcpLimits,
        TrustedProxies trustedProxies,
        int rtpPortMin,
        int rtpPortMax,
        Duration rtpTimeout,
        int rtpClockThreads,
        int rtpRealtimePriority,
        int rtpStrictProbation,
        int httpPort,
        String voice,
        String greeting,
        boolean greetingInterruptible,
        AudioClip music,
        boolean musicAfterGreeting,
        boolean inbandDtmf,
        Duration answerDelay,
        Duration maxCallDuration,
        int maxConcurrentCalls,
        Duration noAckTimeout,
        CrmConfig crm,
        Path flowFile,
        RegistrarConfig registrar,
        List<QueueSettings> queues,
        List<AgentAccount> agents,
        Path cdrFolder,
        DeskConfig desk,
        InetAddress httpBindAddress,
        HttpAccess httpAccess,
        WebexMapping webex,
        Map<String, BusinessHours> businessHours,

        ClusterConfig cluster) {

    public PoplineConfig {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        businessHours = Map.copyOf(businessHours);
    }

    /** {@code call.flow: greeting}: the foundation's greeting-then-music flow instead of a flow file. */
    public boolean greetingFlow() {
        return flowFile == null;
    }
}
