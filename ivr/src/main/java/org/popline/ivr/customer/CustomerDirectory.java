package org.popline.ivr.customer;

/**
 * Where a flow finds out who is calling: the CRM's one caller lookup, seen from the IVR. The flow
 * engine knows nothing of the CRM behind it; the application wires an implementation in.
 */
public interface CustomerDirectory {

    /**
     * Who is calling from {@code number} (in any form the network presented it) and their latest
     * case. Bounded in time by the directory itself; a CRM that fails or is slow is an
     * {@link CustomerMatch.Outcome#ERROR} answer, never an exception.
     *
     * @throws InterruptedException if the call hung up while waiting
     */
    CustomerMatch find(String number) throws InterruptedException;

    /** The directory of a flow engine wired to no CRM: every lookup is an error the flow can branch on. */
    CustomerDirectory NONE = number -> CustomerMatch.error("no CRM is configured");
}
