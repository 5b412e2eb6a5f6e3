package org.popline.sip.registrar;

import java.util.List;

/**
 * Failed authentications counted per source, and the sources locked out for them: in this process
 * ({@link SourceLockout}) or shared by a cluster's nodes, so that guesses spread over the nodes add
 * up to one lockout.
 *
 * @param <K> what is locked out: an address, an agent id
 */
public interface Lockouts<K> {
    /** True while the source is locked out; the request is then counted as refused. */
    boolean refuses(K source);

    void failed(K source);

    /** A source that authenticates proves it is not guessing (any more): its failures are forgotten. */
    void succeeded(K source);

    /** The sources locked out now. */
    List<Lockout> lockouts();

    /** Forgets sources that have been quiet for long; called every second. */
    void forgetQuietSources();
}
