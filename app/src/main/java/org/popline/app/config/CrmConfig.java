package org.popline.app.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where caller lookups go: Popline's embedded Dataverse emulator (the default, no Microsoft
 * tenant needed) or a real Dynamics 365 org.
 *
 * @param emulated       true for the embedded emulator; then the org fields below are unused
 * @param emulatorPort   HTTPS port of the emulator (0: any free port)
 * @param emulatorSeed   the emulator's demo contacts and cases
 * @param emulatorTls    folder where the emulator's lab certificate is generated at first start
 * @param orgUrl         the org, e.g. https://contoso.crm4.dynamics.com
 * @param loginUrl       the identity platform, normally https://login.microsoftonline.com
 * @param secretVariable the environment variable that holds the client secret (never the secret itself)
 * @param lookupBudget   the most a caller waits for the lookup, retries and waits included
 * @param phoneColumns   contact columns that hold callers' numbers
 * @param resilience     the answer cache and the circuit breaker
 * @param emulatorBindAddress where the emulator listens (loopback unless {@code crm.emulator.bind-address} says otherwise)
 */
public record CrmConfig(boolean emulated, int emulatorPort, Path emulatorSeed, Path emulatorTls, URI orgUrl,
        URI loginUrl, String tenant, String clientId, String secretVariable, String defaultRegion,
        Duration lookupBudget, List<String> phoneColumns, Resilience resilience, InetAddress emulatorBindAddress) {

    /**
     * @param cacheTtl           an answer is reused this long without asking the CRM
     * @param cacheMaxStale      an answer stands in for a failing CRM until this old
     * @param breakerWindow      the circuit breaker judges the last this many requests
     * @param breakerMinimumCalls ... and not before this many
     * @param breakerFailureRate percentage of failures that opens the circuit
     * @param breakerOpenFor     how long the circuit stays open before one probe goes through
     */
    public record Resilience(Duration cacheTtl, Duration cacheMaxStale, int breakerWindow, int breakerMinimumCalls,
            int breakerFailureRate, Duration breakerOpenFor) {
    }

    /** The name flows give the CRM's connector, emulator or real org alike. */
    public static final String CONNECTOR = "dynamics";
}
