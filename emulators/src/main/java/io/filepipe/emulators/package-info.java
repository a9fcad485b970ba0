/**
 * Local emulators of two AWS services the pipeline runs on, general enough to run any definition
 * they accept: {@link io.filepipe.emulators.pipes} (EventBridge Pipes from a DynamoDB stream) and
 * {@link io.filepipe.emulators.workflow} (Step Functions). This package holds what both use.
 */
package io.filepipe.emulators;
