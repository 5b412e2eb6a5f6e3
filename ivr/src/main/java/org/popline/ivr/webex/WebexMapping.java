package org.popline.ivr.webex;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the ids a Flow Designer export names map to what this server has configured.
 *
 * @param connectors HTTP {@code connectorId} to a connector name; an id not listed maps to
 *     {@code defaultConnector}
 * @param defaultConnector the connector every unlisted {@code connectorId} maps to (the one CRM
 *     connector, when only one is configured); empty: an unlisted id is an error
 * @param queues queue id to a configured queue name
 * @param queueNames every configured queue: an id not listed whose {@code destination:name} is one
 *     of these goes there
 * @param defaultQueue where any other queue id goes, with a warning
 * @param businessHours {@code businessHoursId} to a configured schedule's name; an id not listed is
 *     used as the schedule's name
 * @param crmConnector the connector whose root replaces a Dynamics org host
 *     ({@code https://org.crm.dynamics.com/}) in screen-pop URLs; empty: URLs are kept as written
 * @param agentEmails the configured agents' e-mail addresses, lower case: a queue-to-agent by
 *     {@code agentEmail} naming none of them is warned about when the flow loads
 */
public record WebexMapping(Map<String, String> connectors, Optional<String> defaultConnector,
        Map<String, String> queues, List<String> queueNames, String defaultQueue,
        Map<String, String> businessHours, Optional<String> crmConnector, Set<String> agentEmails) {

    /** The audio a Webex flow means by its stock music on hold; it plays the server's configured music. */
    static final String STOCK_MUSIC = "defaultmusic_on_hold.wav";
    /** Where other audio files a flow names are looked for, relative to the configuration folder. */
    static final String AUDIO_FOLDER = "audio/";

    public WebexMapping {
        connectors = Map.copyOf(connectors);
        queues = Map.copyOf(queues);
        queueNames = List.copyOf(queueNames);
        businessHours = Map.copyOf(businessHours);
        agentEmails = agentEmails.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A mapping that knows no agent's e-mail. */
    public WebexMapping(Map<String, String> connectors, Optional<String> defaultConnector,
            Map<String, String> queues, List<String> queueNames, String defaultQueue,
            Map<String, String> businessHours, Optional<String> crmConnector) {
        this(connectors, defaultConnector, queues, queueNames, defaultQueue, businessHours, crmConnector, Set.of());
    }

    /** This mapping, knowing the configured agents' e-mail addresses. */
    public WebexMapping withAgentEmails(Set<String> emails) {
        return new WebexMapping(connectors, defaultConnector, queues, queueNames, defaultQueue, businessHours,
                crmConnector, emails);
    }

    /** The mapping of a server with one CRM connector and the given queues, the first being the default. */
    public static WebexMapping of(String crmConnector, List<String> queueNames) {
        return new WebexMapping(Map.of(), Optional.of(crmConnector), Map.of(), queueNames,
                queueNames.isEmpty() ? "" : queueNames.get(0), Map.of(), Optional.of(crmConnector));
    }
}
