package org.popline.app.crm;

import org.popline.crm.dataverse.CallerAnswer;
import org.popline.crm.dataverse.Case;
import org.popline.crm.dataverse.Contact;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.dataverse.LookupResult;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.customer.CustomerMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM's caller lookup as the flow engine's customer directory: the one place where a Dataverse
 * answer becomes what a find-customer activity branches on.
 */
final class CrmCustomerDirectory implements CustomerDirectory {
    private static final Logger log = LoggerFactory.getLogger(CrmCustomerDirectory.class);

    private final DataverseClient client;

    CrmCustomerDirectory(DataverseClient client) {
        this.client = client;
    }

    @Override
    public CustomerMatch find(String number) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the call ended before the lookup");
        }
        return match(client.findCaller(number));
    }

    static CustomerMatch match(CallerAnswer answer) {
        LookupResult<Contact> contact = answer.contact();
        if (contact instanceof LookupResult.Found<Contact> found) {
            Contact c = found.value();
            if (answer.latestCase().orElse(null) instanceof LookupResult.Found<Case> latest) {
                Case k = latest.value();
                return CustomerMatch.found(c.id(), c.fullName(), k.id(), k.ticketNumber(), k.title());
            }
            return CustomerMatch.found(c.id(), c.fullName(), "", "", "");
        }
        if (contact instanceof LookupResult.Ambiguous<Contact> ambiguous) {
            return CustomerMatch.ambiguous(ambiguous.candidates().size());
        }
        if (contact instanceof LookupResult.Failed<Contact> failed) {
            // The call's id and number are on the line already (MDC); the reason says what to mend.
            log.warn("CRM lookup failed: {}: {}", failed.reason(), failed.detail());
            return CustomerMatch.error(failed.reason() + ": " + failed.detail());
        }
        return CustomerMatch.notFound();
    }
}
