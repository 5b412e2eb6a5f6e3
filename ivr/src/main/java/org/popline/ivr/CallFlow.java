package org.popline.ivr;

/** One flow run per call, as plain sequential code on the call's own flow thread. */
public interface CallFlow {
    void run(Call call) throws InterruptedException;
}
