/**
 * In-memory adapters of the core ports ({@link io.filepipe.testsupport.memory.InMemoryFileStore},
 * {@link io.filepipe.testsupport.memory.InMemoryBlobStore}) for unit tests of the logic above
 * them; they pass the same contract suites as the DynamoDB and S3 adapters
 * ({@code io.filepipe.testsupport.contract}).
 */
package io.filepipe.testsupport.memory;
