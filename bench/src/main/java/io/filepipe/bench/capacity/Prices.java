package io.filepipe.bench.capacity;

/**
 * On-demand list prices in us-east-1, the ones docs/deploy.md's cost table uses (see its sources);
 * the model multiplies its rates by these and nothing else.
 */
record Prices(double apiGatewayPerMillion, int apiGatewayStepBytes, double lambdaPerGbSecond,
              double lambdaPerMillionRequests, double dynamoPerMillionWrites, double dynamoPerMillionReads,
              double streamsPerMillionReads, double pipesPerMillion, int pipesStepBytes,
              double expressPerMillion, double expressPerGbSecond, double s3PerThousandPuts,
              double s3PerThousandGets, double logsPerGb) {

    static final Prices US_EAST_1 = new Prices(1.00, 512 * 1024, 0.0000166667, 0.20, 0.625, 0.125, 0.20, 0.40,
            64 * 1024, 1.00, 0.00001667, 0.005, 0.0004, 0.50);
}
