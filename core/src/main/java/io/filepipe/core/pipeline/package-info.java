/**
 * The pipeline definition, kept once as data files under {@code filepipe/} on the classpath: the
 * EventBridge Pipes filter pattern, the Step Functions state machine (ASL, JSONPath) and the pipe
 * settings. Pulumi deploys them; the local runners execute them; tests validate them.
 */
package io.filepipe.core.pipeline;
