/**
 * A local Step Functions: reads an Amazon States Language definition (JSONPath flavour), refuses
 * at load anything it does not implement, and executes the rest with the semantics AWS documents.
 * {@link io.filepipe.emulators.workflow.StateMachine} is the parsed definition,
 * {@link io.filepipe.emulators.workflow.WorkflowRunner} executes it.
 */
package io.filepipe.emulators.workflow;
