/**
 * The Lambda runtime interface client without Lambda: a fake Runtime API, the client's native
 * library, and Lambda's side of the processor image's AOT training run ({@link
 * io.filepipe.testsupport.lambda.ProcessorTraining}, which Dockerfile.processor runs).
 */
package io.filepipe.testsupport.lambda;
