/**
 * Flow files: the model, the activity type registry and the loader that validates a file
 * completely before anything runs it.
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * name: ms-dynamics
 * variables:                      # name -> default value (text)
 *   ContactName: ""
 *   CustomerType: New
 * start: Greeting                 # the activity a new call starts at
 * activities:                     # name -> activity; one namespace for the main flow and events
 *   Greeting:
 *     type: play-message
 *     settings: {text: "Welcome, caller {{ call.ani }}", interruptible: false}
 *     links: {next: GetCustomer}  # outcome -> activity name
 *   GetCustomer:
 *     type: http-request
 *     settings:
 *       connector: dynamics
 *       path: contacts
 *       query: {$filter: "telephone1 eq '{{ call.ani }}'"}
 *       timeout: 2000ms
 *       outputs: {ContactName: "$.value[0].fullname"}   # variable <- JSONPath
 *     links: {success: Menu, error: Menu}
 *   Menu:
 *     type: menu
 *     settings:
 *       prompt: "Hello {{ ContactName }}. Press 1 for an agent, 2 to hang up."
 *       choices: {1: agent, 2: hang up}                   # each key is also a required link
 *       entry-timeout: 3s
 *       retries: 2
 *     links: {1: Queue, 2: Bye, default: Queue}
 *   Queue:
 *     type: queue-contact
 *     settings: {queue: support, priority: 0}
 *     links: {queued: Music, failure: Bye}
 *   Music:
 *     type: play-music
 *     settings: {source: defaultmusic_on_hold.wav, duration: 30s}
 *     links: {next: Music}
 *   Bye:
 *     type: disconnect
 *   Pop:
 *     type: screen-pop
 *     settings: {url: "https://org.crm.dynamics.com/main.aspx", query: {etn: contact}}
 * events:                         # event -> the activity its handler starts at
 *   agent-answered: {start: Pop}
 * }</pre>
 *
 * <p>Event handlers start at an activity of the same {@code activities} map, so an event can
 * reuse activities of the main flow; an activity only an event reaches is not unreachable.
 * Durations are written {@code 500ms}, {@code 3s} or {@code 2m}. Keys YAML treats specially
 * ({@code *}, {@code #}) must be quoted. Templates may read {@code call} (the engine's built-in
 * call object), declared variables, and variables some activity writes.
 *
 * <h2>Activity types and links</h2>
 *
 * <p>Each type is one class declaring an {@link org.popline.ivr.flow.ActivitySchema}; see the
 * classes for their settings. Links (required, then optional):
 * set-variable {@code next}; http-request {@code success, error} (optional {@code timeout},
 * else {@code error}); condition {@code true, false}; play-message {@code next}; menu each
 * choice key and {@code default} (optional {@code timeout}, {@code invalid}); collect-digits
 * {@code success, timeout, invalid}; queue-contact {@code queued, failure}; play-music
 * {@code next}; disconnect none; screen-pop (optional {@code next}).
 *
 * <h2>Secure activities</h2>
 *
 * <p>Any activity may say {@code secure: true} beside its {@code type} (a collect-digits taking a
 * PIN, say). The engine then keeps what the caller enters there to the flow: the call masks the
 * keys ({@code ***(4)}) in its logs, {@code /calls} and call record, the trace shows the keys and
 * the activity's outputs masked, and the variables it sets are masked in the trace (also where a
 * later activity's inputs quote them) and in the call record.
 *
 * <h2>Validation</h2>
 *
 * <p>{@link org.popline.ivr.flow.FlowLoader#load} reports every problem at once, sorted, one per
 * line, each naming the file, the activity or section, and the key:
 * {@code conf/flows/x.yaml: activity 'GetCustomer': settings.url: bad template: ...}.
 * Templates and JSONPaths are checked through {@link org.popline.ivr.flow.ExpressionChecker},
 * which the template and JSONPath packages implement.
 */
package org.popline.ivr.flow;
