/**
 * Typed configuration read once from the environment ({@link io.filepipe.core.config.Env}), and
 * the AWS clients built from it ({@link io.filepipe.core.config.AwsClients}), honouring the SDK's
 * {@code AWS_ENDPOINT_URL*} variables so the same code runs against AWS, LocalStack, moto,
 * DynamoDB Local or any S3-compatible server.
 */
package io.filepipe.core.config;
