package org.popline.ivr.engine;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.template.Template;
import org.popline.ivr.template.Templates;

/**
 * One version of a flow file in service: the validated flow and its templates compiled once.
 * A call holds the version it started with, so a reload never changes a call midway.
 *
 * @param version a short content hash, so a trace says exactly which text of the file ran
 */
public record LoadedFlow(Flow flow, String version, Instant loadedAt, Map<String, Template> compiled) {

    public static LoadedFlow of(Flow flow, String version) {
        return new LoadedFlow(flow, version, Instant.now(), new ConcurrentHashMap<>());
    }

    Template template(Templates templates, String source) {
        return compiled.computeIfAbsent(source, templates::compile);
    }
}
