package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Optional;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueRequest;

/**
 * Puts the caller in a queue, telling the agent's phone who is calling ({@code caller-name}), the
 * agent's page which case it is about ({@code case-number}), and
 * which page the agent-answered handler will pop (worked out now, see
 * {@link ActivityContext#previewScreenPop}). With {@code agent} (an agent's id or e-mail) only that
 * agent is offered the call, the queue reporting it. Links: {@code queued} (normally to music), {@code failure}.
 */
public final class QueueContactType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("queue-contact",
            List.of(required("queue", TEMPLATE), optional("priority", INTEGER), optional("caller-name", TEMPLATE),
                    optional("case-number", TEMPLATE), optional("agent", TEMPLATE)),
            LinkSpec.required("queued", "failure"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        String queue = context.render(activity.settings().text("queue").orElseThrow());
        int priority = activity.settings().integer("priority").orElse(0);
        Optional<String> callerName = activity.settings().text("caller-name").map(context::render)
                .filter(name -> !name.isBlank());
        Optional<String> caseNumber = activity.settings().text("case-number").map(context::render)
                .filter(number -> !number.isBlank());
        Optional<String> agent = activity.settings().text("agent").map(context::render)
                .filter(a -> !a.isBlank());
        Optional<String> popUrl = context.previewScreenPop();
        context.input("queue", queue);
        context.input("priority", priority);
        callerName.ifPresent(name -> context.input("caller-name", name));
        caseNumber.ifPresent(number -> context.input("case-number", number));
        agent.ifPresent(a -> context.input("agent", a));
        popUrl.ifPresent(url -> context.input("screen-pop", url));
        try {
            QueueEntry entry = context.call().enqueue(new QueueRequest(queue, priority, callerName, popUrl, caseNumber, agent));
            context.queued(entry);
            return "queued";
        } catch (QueueException e) {
            context.output("failure", e.getMessage());
            return "failure";
        }
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("failure");
    }
}
