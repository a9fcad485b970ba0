/**
 * A local Step Functions: reads an Amazon States Language definition (JSONPath flavour), refuses
 * at load anything it does not implement, and executes the rest with the semantics AWS documents.
 * {@link io.filepipe.local.workflow.StateMachine} is the parsed definition,
 * {@link io.filepipe.local.workflow.WorkflowRunner} executes it.
 */
package io.filepipe.local.workflow;
