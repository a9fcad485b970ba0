package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.EventBus;
import com.pulumi.aws.cloudwatch.EventBusArgs;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.pipes.Pipe;
import com.pulumi.aws.schemas.Registry;
import com.pulumi.aws.schemas.RegistryArgs;
import com.pulumi.aws.schemas.Schema;
import com.pulumi.aws.schemas.SchemaArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.infra.iam.Permissions;
import io.filepipe.infra.iam.ResourcePolicies;
import io.filepipe.infra.iam.ServiceRole;
import io.filepipe.infra.iam.TrustPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every file outcome as an event, with no code in the processor: a second pipe on the table's
 * stream (core's events filter: file items that became PROCESSED, REJECTED or FAILED) turns each
 * record into an event with core's input template and puts it on the stack's bus; the event's
 * JSON Schema is registered in a schema registry of the stack. With {@code eventEmail} set, a rule
 * on the bus sends every event to an SNS topic those addresses subscribe to.
 */
public record ResultEvents(EventBus bus, Pipe pipe, Queue deadLetters, LogGroup pipeLogs, Schema schema,
                           Optional<Topic> emailTopic) {

    /** The pattern of the e-mail rule: every result event of the stack. */
    static final String EMAIL_RULE_PATTERN = Json.write(Map.of("source", List.of(PipelineDefinition.EVENT_SOURCE)));

    public static ResultEvents create(StackConfig config, Storage storage, Output<AwsAccount> account) {
        EventBus bus = new EventBus(config.name("events"), EventBusArgs.builder()
                .name(config.name("events"))
                .build());

        String name = config.name("events-pipe");
        Queue deadLetters = new Queue(config.name("event-dead-letters"), QueueArgs.builder()
                .messageRetentionSeconds((int) Pipeline.DEAD_LETTER_RETENTION.toSeconds())
                .sqsManagedSseEnabled(true)
                .build());
        LogGroup pipeLogs = LogGroups.vended(config, "pipes", name);
        ServiceRole role = ServiceRole.create(name, "filepipe: the pipe from the table's stream to the event bus",
                account.applyValue(a -> TrustPolicy.of("pipes.amazonaws.com", a.accountId())),
                Output.tuple(storage.table().streamArn(), bus.arn(), deadLetters.arn(), pipeLogs.arn())
                        .applyValue(t -> Permissions.eventsPipe(t.t1, t.t2, t.t3, t.t4)));
        Pipe pipe = new Pipe(name, Pipeline.eventsPipeArgs(new Pipeline.PipeArns(role.arn(), storage.table().streamArn(),
                bus.arn(), deadLetters.arn(), pipeLogs.arn()), config.pipeLogLevel()),
                CustomResourceOptions.builder().dependsOn(role.policy()).build());

        Registry registry = new Registry(config.name("schemas"), RegistryArgs.builder()
                .name(config.name("schemas"))
                .description("filepipe: the schemas of the events on " + config.name("events"))
                .build());
        Schema schema = new Schema(config.name("file-event"), SchemaArgs.builder()
                .name("filepipe.FileEvent")
                .registryName(registry.name())
                .type("JSONSchemaDraft4")
                .description("the detail of a filepipe result event (source filepipe)")
                .content(Json.compact(PipelineDefinition.eventSchema()))
                .build());

        return new ResultEvents(bus, pipe, deadLetters, pipeLogs, schema, emailTopic(config, bus));
    }

    /** A rule on the bus to a topic the {@code eventEmail} addresses subscribe to; none without addresses. */
    private static Optional<Topic> emailTopic(StackConfig config, EventBus bus) {
        if (config.eventEmails().isEmpty()) {
            return Optional.empty();
        }
        Topic topic = new Topic(config.name("event-mail"), TopicArgs.builder().build());
        EventRule rule = new EventRule(config.name("event-mail"), EventRuleArgs.builder()
                .eventBusName(bus.name())
                .description("filepipe: every file outcome to the e-mail topic")
                .eventPattern(EMAIL_RULE_PATTERN)
                .build());
        new TopicPolicy(config.name("event-mail"), TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(Output.tuple(topic.arn(), rule.arn()).applyValue(t -> ResourcePolicies.eventsPublishTo(t.t1, t.t2)))
                .build());
        new EventTarget(config.name("event-mail"), EventTargetArgs.builder()
                .eventBusName(bus.name())
                .rule(rule.name())
                .arn(topic.arn())
                .build());
        for (int i = 0; i < config.eventEmails().size(); i++) {
            new TopicSubscription(config.name("event-email-" + (i + 1)), TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(config.eventEmails().get(i))
                    .build());
        }
        return Optional.of(topic);
    }
}
