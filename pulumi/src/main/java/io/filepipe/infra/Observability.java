package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;

/**
 * Alarms on everything that means a file was not processed or a caller was turned away, all to one
 * SNS topic (and, when configured, to e-mail): a message in the pipe's dead-letter queue, a failed
 * or timed-out workflow execution, and errors or throttles of any function.
 */
final class Observability {

    /** One minute, the finest period these metrics have. */
    static final int PERIOD_SECONDS = 60;

    private Observability() {
    }

    static void create(StackConfig config, List<ContainerFunction> functions, Pipeline pipeline) {
        // unencrypted: CloudWatch alarms cannot publish to a topic under the AWS managed SNS key, and
        // a notification carries only the alarm's name and state
        Topic topic = new Topic(config.name("alarms"), TopicArgs.builder().build());
        for (int i = 0; i < config.alarmEmails().size(); i++) {
            new TopicSubscription(config.name("alarm-email-" + (i + 1)), TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(config.alarmEmails().get(i))
                    .build());
        }
        alarm(config, topic, config.name("dead-letters"),
                "a batch of new files failed and went to the dead-letter queue", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum",
                pipeline.deadLetters().name().applyValue(queue -> Map.of("QueueName", queue)));
        Output<Map<String, String>> workflow = pipeline.workflow().arn().applyValue(arn -> Map.of("StateMachineArn", arn));
        alarm(config, topic, config.name("workflow-failed"), "a workflow execution failed", "AWS/States",
                "ExecutionsFailed", "Sum", workflow);
        alarm(config, topic, config.name("workflow-timed-out"), "a workflow execution timed out", "AWS/States",
                "ExecutionsTimedOut", "Sum", workflow);
        for (ContainerFunction function : functions) {
            Output<Map<String, String>> dimensions = function.function().name().applyValue(n -> Map.of("FunctionName", n));
            alarm(config, topic, function.name() + "-errors", "the function failed", "AWS/Lambda", "Errors", "Sum",
                    dimensions);
            alarm(config, topic, function.name() + "-throttles", "the function was throttled", "AWS/Lambda",
                    "Throttles", "Sum", dimensions);
        }
    }

    /** Alarms when the metric is above zero in any minute, and notifies again when it is back. */
    private static void alarm(StackConfig config, Topic topic, String logicalName, String description,
                              String namespace, String metric, String statistic, Output<Map<String, String>> dimensions) {
        new MetricAlarm(logicalName, MetricAlarmArgs.builder()
                .alarmDescription("filepipe " + config.prefix() + ": " + description)
                .namespace(namespace)
                .metricName(metric)
                .dimensions(dimensions)
                .statistic(statistic)
                .period(PERIOD_SECONDS)
                .evaluationPeriods(1)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0.0)
                // no data is no failure: an idle pipeline publishes nothing
                .treatMissingData("notBreaching")
                .alarmActions(topic.arn().applyValue(List::of))
                .okActions(topic.arn().applyValue(List::of))
                .build());
    }
}
