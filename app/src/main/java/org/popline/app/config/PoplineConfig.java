package org.popline.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.webex.WebexMapping;
import org.popline.queue.QueueSettings;
import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.RegistrarConfig;

/**
 * Everything the server needs to start, already validated: one value per section of {@code popline.yaml}.
 *
 * @param confDir       the configuration folder; flows and audio files are found relative to it
 * @param registrar     how phones register ({@code sip.realm}, {@code sip.digest-algorithms}, {@code registrar})
 * @param cdrFolder     where call records are written ({@code cdr.folder})
 * @param businessHours the schedules business-hours activities name ({@code business-hours})
 * @param webex         how a Flow Designer export's ids map to this configuration ({@code webex})
 * @param cluster       {@code node.name} and the {@code cluster} section
 */
public record PoplineConfig(
        Path confDir,
        SipConfig sip,
        RegistrarConfig registrar,
        RtpConfig rtp,
        HttpConfig http,
        CallConfig call,
        CrmConfig crm,
        List<QueueSettings> queues,
        List<AgentAccount> agents,
        Path cdrFolder,
        DeskConfig desk,
        Map<String, BusinessHours> businessHours,
        WebexMapping webex,
        ClusterConfig cluster) {

    public PoplineConfig {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        businessHours = Map.copyOf(businessHours);
    }
}
