/**
 * The contracts of the core ports as abstract JUnit 5 suites: every adapter (DynamoDB and S3 on
 * each backend, the in-memory ones) runs the same tests by extending them.
 */
package io.filepipe.testsupport.contract;
