/**
 * A local EventBridge Pipe for a DynamoDB stream source: reads every shard in lineage order,
 * shapes records as Pipes delivers them, filters them with event-ruler against the same pattern
 * Pulumi deploys, and hands batches to a target, with durable checkpoints, retries and a
 * dead-letter folder.
 */
package io.filepipe.emulators.pipes;
