package org.popline.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.popline.ivr.Call;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.digits.DigitSource;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpRequestSpec;
import org.popline.ivr.http.HttpResult;
import org.popline.ivr.template.TemplateException;

/** What a running activity may use: the call, the flow's variables, the engine's services and the trace. */
public interface ActivityContext {

    Call call();

    /** Renders a template against the call's variables. */
    String render(String template) throws TemplateException;

    void set(String variable, String value);

    /**
     * Sets {@code name} to a record of named values, which templates read as
     * {@code {{ name.field }}}: an activity's outputs as Webex flows name them
     * ({@code {{ GetCustomer.httpStatusCode }}}); numbers stay numbers, so {@code is even} and {@code %} work on them.
     */
    void record(String name, Map<String, ?> fields);

    /** Key presses, each one recorded in the trace as it is taken. */
    DigitSource digits();

    Optional<Connector> connector(String name);

    HttpResult http(HttpRequestSpec request) throws InterruptedException;

    /** The configured business hours of that name (the server's {@code business-hours}). */
    Optional<BusinessHours> businessHours(String name);

    /** The clock business hours and dates are read from (a fixed one in tests). */
    Clock clock();

    /** Opens a page on the agent's desktop. */
    void screenPop(ScreenPop pop);

    /** The CRM's caller lookup ({@link CustomerDirectory#NONE} when no CRM is wired in). */
    CustomerDirectory customers();

    /**
     * The URL the agent-answered handler would pop if an agent answered now: the handler's
     * activities run as in a call, on a copy of the variables and without touching the call, up to
     * its first screen-pop. Empty when there is no such handler, or it reaches an activity that is
     * not {@link ActivityType#sideEffectFree()} (a request, a prompt) or one that fails first.
     */
    Optional<String> previewScreenPop() throws InterruptedException;

    /** Ends the call from the flow's side (the caller chose to hang up, or the flow is done with them). */
    void disconnect();

    /** The queue entry taken by a queue-contact activity, kept until an agent answers or the queue gives up. */
    void queued(QueueEntry entry);

    /**
     * Plays {@code music} (it starts the music and answers its playback) while waiting up to
     * {@code duration} (forever when empty), returning early when the call ends, an agent answers
     * or the queue gives up on the caller. A caller queued where the queue announces hears their
     * position and expected wait every so often, the music pausing meanwhile.
     *
     * @throws IllegalStateException if the music cannot be played
     */
    void hold(Optional<Duration> duration, Supplier<CompletableFuture<Void>> music) throws InterruptedException;

    /** Records one of the activity's inputs in the trace (secrets are masked there). */
    void input(String name, Object value);

    /** Records one of the activity's results in the trace. */
    void output(String name, Object value);
}
