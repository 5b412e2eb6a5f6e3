package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.popline.ivr.customer.CustomerMatch;

/**
 * Finds the caller in the CRM by their number: the CRM's one caller lookup (every way a number is
 * written, at most two requests, a time budget, a recent answer when the CRM fails), where an
 * http-request would leave matching, budget and cache to the flow. Each optional setting names the
 * variable that receives one result; a result with no variable is only traced.
 *
 * <p>Links: {@code found} (exactly one contact), {@code not-found}; {@code ambiguous} (several
 * contacts share the number: nobody's name or case is set) and {@code error} (the CRM failed and no
 * recent answer stood in) fall back to {@code not-found} when the flow leaves them out.
 */
public final class FindCustomerType implements ActivityType {

    /** Setting name to the result it receives. */
    private static final Map<String, Function<CustomerMatch, String>> RESULTS = new LinkedHashMap<>();

    static {
        RESULTS.put("contact-id", CustomerMatch::contactId);
        RESULTS.put("contact-name", CustomerMatch::contactName);
        RESULTS.put("match-count", m -> Integer.toString(m.matches()));
        RESULTS.put("case-id", CustomerMatch::caseId);
        RESULTS.put("case-number", CustomerMatch::caseNumber);
        RESULTS.put("case-title", CustomerMatch::caseTitle);
    }

    private static final ActivitySchema SCHEMA = new ActivitySchema("find-customer",
            List.of(
                    required("number", TEMPLATE),
                    optional("contact-id", VARIABLE),
                    optional("contact-name", VARIABLE),
                    optional("match-count", VARIABLE),
                    optional("case-id", VARIABLE),
                    optional("case-number", VARIABLE),
                    optional("case-title", VARIABLE)),
            LinkSpec.required("found", "not-found").withOptional("ambiguous", "error"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        String number = context.render(s.text("number").orElseThrow());
        context.input("number", number);
        CustomerMatch match = context.customers().find(number);
        context.output("outcome", match.outcome().link());
        context.output("matches", match.matches());
        if (!match.detail().isEmpty()) {
            context.output("failure", match.detail());
        }
        RESULTS.forEach((setting, result) -> s.text(setting).ifPresent(variable -> {
            context.set(variable, result.apply(match));
            context.output(variable, result.apply(match));
        }));
        return match.outcome().link();
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("error");
    }

    @Override
    public Optional<String> fallback(String outcome) {
        return outcome.equals("ambiguous") || outcome.equals("error") ? Optional.of("not-found") : Optional.empty();
    }
}
