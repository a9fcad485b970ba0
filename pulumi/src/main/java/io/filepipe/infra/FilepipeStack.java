package io.filepipe.infra;

import com.pulumi.Context;
import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.List;

/** The whole deployment, in the order data flows, and what a user needs from it. */
public final class FilepipeStack {

    private FilepipeStack() {
    }

    /** Where the web app may be opened: the API's root, and the root of each configured web origin. */
    static List<String> appUrls(String apiAppUrl, List<String> webOrigins) {
        List<String> urls = new ArrayList<>(List.of(apiAppUrl));
        webOrigins.forEach(origin -> urls.add(origin + "/"));
        return urls;
    }

    public static void define(Context ctx) {
        StackConfig config = StackConfig.read(ctx.stackName(), ctx.config()::get);
        Output<AwsAccount> account = AwsAccount.current();

        // the HTTP API first: its URL is the web app's, which the bucket's CORS and the app client name
        var httpApi = Api.httpApi(config);
        Output<String> appUrl = Api.appUrl(httpApi);
        Storage storage = Storage.create(config, httpApi.apiEndpoint());
        Auth auth = Auth.create(config, appUrl.applyValue(url -> appUrls(url, config.webOrigins())), account);
        String apiName = config.name(Api.NAME);
        String processorName = config.name(Processor.NAME);
        ContainerImage apiImage = ContainerImage.build(config, apiName, "Dockerfile.api", List.of(apiName), account);
        ContainerImage processorImage = ContainerImage.build(config, processorName, "Dockerfile.processor",
                List.of(processorName, config.name(Reconciliation.NAME)), account);
        Api api = Api.create(config, storage, auth, apiImage, account, httpApi);
        ContainerFunction processor = Processor.create(config, storage, processorImage, account);
        Pipeline pipeline = Pipeline.create(config, storage, processor, account);
        ContainerFunction reconciler = Reconciliation.create(config, storage, processorImage, pipeline, account);
        List<ContainerFunction> functions = List.of(api.function(), processor, reconciler);
        Observability.create(config, functions, pipeline);
        ResultEvents events = ResultEvents.create(config, storage, account);
        Dashboard dashboard = ResultsDashboard.create(config, api, processor, functions, pipeline, account);

        ctx.export("apiUrl", api.url());
        ctx.export("webUrl", appUrl);
        ctx.export("signInUrl", auth.signInUrl());
        ctx.export("userPoolId", auth.pool().id());
        ctx.export("userPoolClientId", auth.client().id());
        ctx.export("issuer", auth.issuer());
        ctx.export("bucketName", storage.bucket().bucket());
        ctx.export("tableName", storage.table().name());
        ctx.export("stateMachineArn", pipeline.workflow().arn());
        ctx.export("deadLetterQueueUrl", pipeline.deadLetters().url());
        ctx.export("apiLogGroup", api.function().logGroup().name());
        ctx.export("processorLogGroup", processor.logGroup().name());
        ctx.export("reconcilerLogGroup", reconciler.logGroup().name());
        ctx.export("accessLogGroup", api.accessLogs().name());
        ctx.export("workflowLogGroup", pipeline.workflowLogs().name());
        ctx.export("pipeLogGroup", pipeline.pipeLogs().name());
        ctx.export("eventBusName", events.bus().name());
        ctx.export("eventDeadLetterQueueUrl", events.deadLetters().url());
        ctx.export("eventsPipeLogGroup", events.pipeLogs().name());
        ctx.export("dashboardUrl", Output.tuple(account, dashboard.dashboardName())
                .applyValue(t -> ResultsDashboard.consoleUrl(t.t1.region(), t.t2)));
    }
}
