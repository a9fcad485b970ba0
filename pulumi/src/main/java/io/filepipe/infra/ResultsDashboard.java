package io.filepipe.infra;

import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.aws.cloudwatch.QueryDefinition;
import com.pulumi.aws.cloudwatch.QueryDefinitionArgs;
import com.pulumi.core.Output;
import io.filepipe.processor.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Results where users look: one CloudWatch dashboard of the stack (uploads, outcomes and latency
 * from the processor's metrics, dead letters, the HTTP API, the functions) and the saved Logs
 * Insights queries of {@link LogQueries}, all built from the names of the resources this program
 * creates.
 */
final class ResultsDashboard {

    static final int WIDTH = 12;
    static final int HEIGHT = 6;

    /** The plain names a dashboard body is written from, once the resources have them. */
    record Names(String region, String apiId, String deadLetterQueue, String processorFunction,
                 List<String> functions, String apiLogGroup, String processorLogGroup, List<String> functionLogGroups) {
    }

    private ResultsDashboard() {
    }

    /** Where the console shows the dashboard {@code name}. */
    static String consoleUrl(String region, String name) {
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#dashboards/dashboard/" + name;
    }

    static Dashboard create(StackConfig config, Api api, ContainerFunction processor, List<ContainerFunction> functions,
                            Pipeline pipeline, Output<AwsAccount> account) {
        Output<List<String>> functionNames = Output.all(functions.stream().map(f -> f.function().name()).toList());
        Output<List<String>> functionLogGroups = Output.all(functions.stream().map(f -> f.logGroup().name()).toList());
        Output<Names> names = Output.tuple(account, api.httpApi().id(), pipeline.deadLetters().name(),
                        processor.function().name(), functionNames, api.function().logGroup().name(),
                        processor.logGroup().name(), functionLogGroups)
                .applyValue(t -> new Names(t.t1.region(), t.t2, t.t3, t.t4, t.t5, t.t6, t.t7, t.t8));

        query(config, "one file's story", LogQueries.FILE_STORY, Output.all(api.function().logGroup().name(),
                pipeline.workflowLogs().name(), processor.logGroup().name()));
        query(config, "failures", LogQueries.FAILURES, processor.logGroup().name().applyValue(List::of));
        query(config, "one user's uploads", LogQueries.USER_UPLOADS,
                Output.all(api.function().logGroup().name(), processor.logGroup().name()));
        return new Dashboard(config.name("results"), DashboardArgs.builder()
                .dashboardName(config.name("results"))
                .dashboardBody(names.applyValue(ResultsDashboard::body))
                .build());
    }

    /** Saved under a folder named after the stack, so each stack's queries stay apart in the console. */
    private static void query(StackConfig config, String title, String query, Output<List<String>> logGroups) {
        new QueryDefinition(config.name("query-" + title.replaceAll("[^a-z]+", "-")), QueryDefinitionArgs.builder()
                .name(config.prefix() + "/" + title)
                .logGroupNames(logGroups)
                .queryString(query)
                .build());
    }

    /** The dashboard's JSON: widgets two to a row, in the order a file travels. */
    static String body(Names names) {
        List<Map<String, Object>> widgets = new ArrayList<>();
        widgets.add(logs(names, "Uploads per minute (API access lines)", List.of(names.apiLogGroup()),
                LogQueries.UPLOADS_PER_MINUTE));
        widgets.add(metrics(names, "Files per minute by outcome", List.of(
                processorMetric(names, MetricNames.FILES_PROCESSED, "Sum", "processed"),
                processorMetric(names, MetricNames.FILES_REJECTED, "Sum", "rejected"),
                processorMetric(names, MetricNames.FILES_FAILED, "Sum", "failed"))));
        widgets.add(metrics(names, "Processing latency (ms)", List.of(
                processorMetric(names, MetricNames.PROCESSING_LATENCY, "p50", "p50"),
                processorMetric(names, MetricNames.PROCESSING_LATENCY, "p99", "p99"))));
        widgets.add(metrics(names, "Dead-letter queue depth", List.of(
                metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", List.of("QueueName", names.deadLetterQueue()),
                        "Maximum", "messages"))));
        widgets.add(metrics(names, "API errors per minute", List.of(
                apiMetric(names, "4xx", "Sum"), apiMetric(names, "5xx", "Sum"))));
        widgets.add(metrics(names, "API latency (ms)", List.of(
                apiMetric(names, "Latency", "p50"), apiMetric(names, "Latency", "p99"),
                apiMetric(names, "IntegrationLatency", "p99"))));
        widgets.add(metrics(names, "Lambda errors and throttles", names.functions().stream()
                .flatMap(function -> List.of(
                        lambdaMetric(function, "Errors"), lambdaMetric(function, "Throttles")).stream())
                .toList()));
        widgets.add(logs(names, "Lambda init durations (REPORT lines)", names.functionLogGroups(),
                LogQueries.INIT_DURATIONS));
        for (int i = 0; i < widgets.size(); i++) {
            widgets.get(i).putAll(Map.of("x", (i % 2) * WIDTH, "y", (i / 2) * HEIGHT, "width", WIDTH, "height", HEIGHT));
        }
        return Json.write(Map.of("widgets", widgets));
    }

    private static List<Object> processorMetric(Names names, String metric, String stat, String label) {
        return metric(MetricNames.NAMESPACE, metric, MetricNames.dimensions(names.processorFunction()), stat, label);
    }

    private static List<Object> apiMetric(Names names, String metric, String stat) {
        return metric("AWS/ApiGateway", metric, List.of("ApiId", names.apiId()), stat, metric + " " + stat);
    }

    private static List<Object> lambdaMetric(String function, String metric) {
        return metric("AWS/Lambda", metric, List.of("FunctionName", function), "Sum", function + " " + metric);
    }

    /** One line of a metric widget: namespace, name, dimension name-value pairs, then how to draw it. */
    private static List<Object> metric(String namespace, String metric, List<String> dimensions, String stat,
                                       String label) {
        List<Object> line = new ArrayList<>(List.of(namespace, metric));
        line.addAll(dimensions);
        line.add(Map.of("stat", stat, "label", label));
        return line;
    }

    private static Map<String, Object> metrics(Names names, String title, List<List<Object>> metrics) {
        return widget("metric", Map.of("title", title, "region", names.region(), "view", "timeSeries",
                "period", Observability.PERIOD_SECONDS, "metrics", metrics));
    }

    private static Map<String, Object> logs(Names names, String title, List<String> logGroups, String query) {
        String sources = logGroups.stream().map(group -> "SOURCE '" + group + "'").collect(Collectors.joining(" | "));
        return widget("log", Map.of("title", title, "region", names.region(), "view", "timeSeries",
                "query", sources + " | " + query));
    }

    private static Map<String, Object> widget(String type, Map<String, Object> properties) {
        return new HashMap<>(Map.of("type", type, "properties", properties));
    }
}
